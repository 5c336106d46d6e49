import Foundation

/// Stable spellings of numbers in SVG output, so the same plot always gives the same bytes.
enum SVGNumber {
  /// A pixel coordinate: at most two decimals, no trailing zeros, no `-0`. Values far outside
  /// the canvas are clamped (they are clipped anyway) so that overflow cannot produce `inf`.
  static func pixel(_ value: Double) -> String {
    let v = value.isNaN ? 0 : min(max(value, -100_000), 100_000)
    // Integer hundredths instead of `String(format: "%.2f")`, which dominated the time to write
    // a report with many plots. Ties round to even, as printf does on exact binary ties.
    let hundredths = Int((v * 100).rounded(.toNearestOrEven))
    if hundredths == 0 { return "0" }
    let magnitude = hundredths.magnitude
    var text = hundredths < 0 ? "-" : ""
    text += String(magnitude / 100)
    let fraction = magnitude % 100
    if fraction % 10 == 0, fraction != 0 {
      text += "." + String(fraction / 10)
    } else if fraction != 0 {
      text += (fraction < 10 ? ".0" : ".") + String(fraction)
    }
    return text
  }

  /// A tick label on a linear axis whose ticks are `step` apart: just enough decimals to tell
  /// neighbouring ticks apart; `%g` for very large or very small numbers.
  static func tick(_ value: Double, step: Double) -> String {
    let magnitude = max(abs(value), step)
    if magnitude >= 1e6 || step < 1e-4 {
      let digits = max(1, Int((log10(magnitude) - log10(step)).rounded(.up)) + 1)
      return clean(String(format: "%.\(digits)g", value))
    }
    // The tolerance keeps log10(0.1) = −1 − δ from asking for a second decimal.
    let decimals = max(0, Int((-log10(step) - 1e-9).rounded(.up)) + (isHalfStep(step) ? 1 : 0))
    return clean(String(format: "%.\(decimals)f", value))
  }

  /// Steps such as 0.25 or 2.5 need one more decimal than their power of ten suggests.
  private static func isHalfStep(_ step: Double) -> Bool {
    let mantissa = step / pow(10, (log10(step)).rounded(.down))
    return abs(mantissa - 2.5) < 1e-9
  }

  private static func clean(_ text: String) -> String {
    if text.hasPrefix("-"), Double(text) == 0 { return String(text.dropFirst()) }
    return text
  }
}
