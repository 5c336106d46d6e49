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

/// A base-10 logarithmic scale over whole decades, with a tick at each decade (or every few
/// decades when there are many), labelled 10ⁿ.
struct LogScale: AxisScale {
  var lowerDecade: Int
  var upperDecade: Int
  var start: Double
  var end: Double

  /// Spans the decades that hold every positive value in `lower...upper`.
  init(lower: Double, upper: Double, start: Double, end: Double) {
    let lo = lower > 0 && lower.isFinite ? lower : 1
    let hi = upper > 0 && upper.isFinite ? Swift.max(upper, lo) : lo
    lowerDecade = Int(log10(lo).rounded(.down))
    upperDecade = Int(log10(hi).rounded(.up))
    if upperDecade <= lowerDecade { upperDecade = lowerDecade + 1 }
    self.start = start
    self.end = end
  }

  func pixel(_ value: Double) -> Double {
    let t = (log10(value) - Double(lowerDecade)) / Double(upperDecade - lowerDecade)
    return start + t * (end - start)
  }

  var ticks: [(value: Double, label: String)] {
    let span = upperDecade - lowerDecade
    let every = Swift.max(1, (span + 7) / 8)
    return stride(from: lowerDecade, through: upperDecade, by: every).map { n in
      let label =
        n == 0
        ? "1" : "10<tspan dy=\"-5\" font-size=\"9\">\(n < 0 ? "−" : "")\(abs(n))</tspan>"
      return (pow(10, Double(n)), label)
    }
  }
}
