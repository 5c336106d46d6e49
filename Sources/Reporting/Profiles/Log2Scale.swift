import Foundation

/// A base-2 logarithmic scale over whole powers of two, with ticks at powers of two (every few
/// when there are many): the usual axis of a performance profile, where τ = 2 means "twice the
/// cost of the best".
struct Log2Scale: AxisScale {
  var lowerPower: Int
  var upperPower: Int
  var start: Double
  var end: Double

  /// Spans the powers of two that hold `lower...upper` (both > 0; others fall back to 1).
  init(lower: Double, upper: Double, start: Double, end: Double) {
    let lo = lower > 0 && lower.isFinite ? lower : 1
    let hi = upper > 0 && upper.isFinite ? Swift.max(upper, lo) : lo
    lowerPower = Int(log2(lo).rounded(.down))
    upperPower = Int(log2(hi).rounded(.up))
    if upperPower <= lowerPower { upperPower = lowerPower + 1 }
    self.start = start
    self.end = end
  }

  /// The pixel of a value; values at or below 0 sit at the start.
  func pixel(_ value: Double) -> Double {
    guard value > 0 else { return start }
    let t = (log2(value) - Double(lowerPower)) / Double(upperPower - lowerPower)
    return start + t * (end - start)
  }

  var ticks: [(value: Double, label: String)] {
    let every = Swift.max(1, (upperPower - lowerPower + 7) / 8)
    return stride(from: lowerPower, through: upperPower, by: every).map { k in
      (pow(2, Double(k)), Self.label(k))
    }
  }

  /// 2^k as a plain number for small k (1, 2, …, 1024; 0.5, 0.25, 0.125), else as 2 with a
  /// raised exponent.
  static func label(_ k: Int) -> String {
    if (0...10).contains(k) { return String(1 << k) }
    if (-3 ... -1).contains(k) { return ["0.125", "0.25", "0.5"][k + 3] }
    return "2<tspan dy=\"-5\" font-size=\"9\">\(k < 0 ? "−" : "")\(abs(k))</tspan>"
  }
}
