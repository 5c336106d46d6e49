import Foundation

extension TableFormatter {
  /// A duration in seconds as people read it: three significant digits in ns, µs, ms or s
  /// (`850 ns`, `193 µs`, `1.20 ms`, `12.3 s`, `1230 s`); `NaN`, `inf`
  /// or `-inf` for the others.
  public static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return format(seconds) }
    if seconds == 0 { return "0 s" }
    // Rounded first, so that 999.6 µs becomes 1.00 ms and not 1000 µs.
    let rounded = Double(String(format: "%.3g", seconds))!
    let units: [(scale: Double, name: String)] = [
      (1, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns"),
    ]
    let unit = units.first { Swift.abs(rounded) >= $0.scale } ?? units.last!
    let value = rounded / unit.scale
    let magnitude = Swift.abs(value)
    let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2
    return String(format: "%.\(decimals)f", value) + " " + unit.name
  }
}

extension TableFormatter.Cell {
  /// A duration in `TableFormatter.duration`, right-aligned.
  public static func duration(_ seconds: Double, style: TableFormatter.Style = .plain) -> Self {
    Self(text: TableFormatter.duration(seconds), isNumeric: true, style: style)
  }
}
