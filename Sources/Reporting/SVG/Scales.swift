import Foundation

/// A map from data values to pixels along one axis, with the axis's ticks.
protocol AxisScale {
  /// Pixel position of a data value (may lie outside the axis).
  func pixel(_ value: Double) -> Double
  /// Tick positions (data values) and their labels as SVG text content (already escaped).
  var ticks: [(value: Double, label: String)] { get }
}

/// A linear scale over `domain`, drawn from pixel `start` to pixel `end`.
struct LinearScale: AxisScale {
  var lower: Double
  var upper: Double
  var start: Double
  var end: Double
  var step: Double

  /// `nice` widens the domain to whole tick steps (for data ranges); otherwise the domain is
  /// kept (for bounds the user gave).
  init(lower: Double, upper: Double, start: Double, end: Double, nice: Bool, tickCount: Int = 6) {
    var lo = lower.isFinite ? lower : 0
    var hi = upper.isFinite ? upper : 1
    if hi < lo { swap(&lo, &hi) }
    if hi - lo <= Swift.max(abs(lo), abs(hi)) * 1e-12 {
      let pad = lo == 0 ? 1 : abs(lo) * 0.5
      lo -= pad
      hi += pad
    }
    step = Self.niceStep((hi - lo) / Double(tickCount))
    if nice {
      lo = (lo / step).rounded(.down) * step
      hi = (hi / step).rounded(.up) * step
    }
    self.lower = lo
    self.upper = hi
    self.start = start
    self.end = end
  }

  /// 1, 2, 2.5 or 5 times a power of ten, the first not below `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let power = pow(10, log10(raw).rounded(.down))
    for factor in [1.0, 2, 2.5, 5, 10] where factor * power >= raw * (1 - 1e-9) {
      return factor * power
    }
    return 10 * power
  }

  func pixel(_ value: Double) -> Double {
    start + (value - lower) / (upper - lower) * (end - start)
  }

  var ticks: [(value: Double, label: String)] {
    var result: [(Double, String)] = []
    var k = (lower / step - 1e-9).rounded(.up)
    while k * step <= upper + step * 1e-9, result.count < 50 {
      let value = k * step
      result.append((value, XMLText.escape(SVGNumber.tick(value, step: step))))
      k += 1
    }
    return result
  }
}

/// A logarithmic scale over whole powers of its base, with a tick at each power (every few
/// when there are many). Base 10 labels its ticks 10ⁿ (convergence plots); base 2 writes small
/// powers as plain numbers (1, 2, …, 1024; 0.5, 0.25, 0.125), the usual axis of a performance
/// profile, where τ = 2 means "twice the cost of the best".
struct LogScale: AxisScale {
  var base: Double
  var lowerPower: Int
  var upperPower: Int
  var start: Double
  var end: Double

  /// Spans the powers of `base` that hold every positive value in `lower...upper` (bounds that
  /// are not positive and finite fall back to 1).
  init(base: Double = 10, lower: Double, upper: Double, start: Double, end: Double) {
    let lo = lower > 0 && lower.isFinite ? lower : 1
    let hi = upper > 0 && upper.isFinite ? Swift.max(upper, lo) : lo
    self.base = base
    lowerPower = Int(Self.logarithm(lo, base: base).rounded(.down))
    upperPower = Int(Self.logarithm(hi, base: base).rounded(.up))
    if upperPower <= lowerPower { upperPower = lowerPower + 1 }
    self.start = start
    self.end = end
  }

  /// The pixel of a value; values at or below 0 sit at the start.
  func pixel(_ value: Double) -> Double {
    guard value > 0 else { return start }
    let t =
      (Self.logarithm(value, base: base) - Double(lowerPower)) / Double(upperPower - lowerPower)
    return start + t * (end - start)
  }

  var ticks: [(value: Double, label: String)] {
    let every = Swift.max(1, (upperPower - lowerPower + 7) / 8)
    return stride(from: lowerPower, through: upperPower, by: every).map { k in
      (pow(base, Double(k)), label(k))
    }
  }

  /// log2 and log10 are exact at exact powers, so a bound such as 8 or 100 keeps its own place.
  static func logarithm(_ x: Double, base: Double) -> Double {
    base == 2 ? log2(x) : base == 10 ? log10(x) : log(x) / log(base)
  }

  /// base^k as the axis shows it.
  func label(_ k: Int) -> String {
    if k == 0 { return "1" }
    if base == 2 {
      if (1...10).contains(k) { return String(1 << k) }
      if (-3 ... -1).contains(k) { return ["0.125", "0.25", "0.5"][k + 3] }
    }
    let b = base == 2 ? "2" : base == 10 ? "10" : SVGNumber.tick(base, step: 1)
    return "\(b)<tspan dy=\"-5\" font-size=\"9\">\(k < 0 ? "−" : "")\(abs(k))</tspan>"
  }
}
