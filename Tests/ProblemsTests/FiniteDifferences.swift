/// Central finite differences, the independent reference for every derivative test.
enum FiniteDifferences {
  /// The step for coordinate value `x`: scaled so that the truncation error (h²) and the
  /// rounding error (ε/h) balance for a smooth function.
  static func step(_ x: Double) -> Double { 1e-5 * Swift.max(1, Swift.abs(x)) }

  /// ∇f(x) by central differences.
  static func gradient(_ f: ([Double]) -> Double, at x: [Double]) -> [Double] {
    (0..<x.count).map { i in
      let h = step(x[i])
      var plus = x
      var minus = x
      plus[i] += h
      minus[i] -= h
      return (f(plus) - f(minus)) / (2 * h)
    }
  }

  /// The Jacobian of a vector function, row i = ∇fᵢ, by central differences.
  static func jacobian(_ f: ([Double]) -> [Double], at x: [Double]) -> [[Double]] {
    let columns = (0..<x.count).map { j -> [Double] in
      let h = step(x[j])
      var plus = x
      var minus = x
      plus[j] += h
      minus[j] -= h
      return zip(f(plus), f(minus)).map { ($0 - $1) / (2 * h) }
    }
    let m = f(x).count
    return (0..<m).map { i in columns.map { $0[i] } }
  }

  /// The derivative of a vector function along v: (g(x + hv) − g(x − hv)) / 2h.
  static func directional(_ g: ([Double]) -> [Double], at x: [Double], along v: [Double])
    -> [Double]
  {
    let scale = x.map(Swift.abs).max() ?? 0
    let h = step(scale)
    let plus = zip(x, v).map { $0 + h * $1 }
    let minus = zip(x, v).map { $0 - h * $1 }
    return zip(g(plus), g(minus)).map { ($0 - $1) / (2 * h) }
  }
}

/// Largest |aᵢ − bᵢ|.
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
}

/// Largest |aᵢ|.
func maxMagnitude(_ a: [Double]) -> Double { a.map(Swift.abs).max() ?? 0 }
