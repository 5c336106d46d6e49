/// Chained Rosenbrock f = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², i = 0 … n−2, by hand: the loops the
/// scaling section measures the fast path against (the gradient is `HandWrittenRosenbrock`).
enum HandWrittenChainedRosenbrock {
  @inline(never)
  static func value(_ x: UnsafeBufferPointer<Double>) -> Double {
    var f = 0.0
    for i in 0..<(x.count - 1) {
      let r = x[i + 1] - x[i] * x[i]
      let d = 1 - x[i]
      f += 100 * r * r + d * d
    }
    return f
  }

  /// Writes H·v into `hv` and returns f. H is tridiagonal:
  /// Hᵢᵢ = 1200xᵢ² − 400xᵢ₊₁ + 2 (i < n−1) + 200 (i > 0), Hᵢ,ᵢ₊₁ = −400xᵢ.
  @inline(never)
  static func hessianVectorProduct(
    _ x: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
    _ hv: UnsafeMutableBufferPointer<Double>
  ) -> Double {
    let n = x.count
    var f = 0.0
    var below = 0.0  // H_{i,i−1}·v_{i−1} + the 200·v_i from the previous term
    for i in 0..<(n - 1) {
      let xi = x[i]
      let r = x[i + 1] - xi * xi
      let d = 1 - xi
      f += 100 * r * r + d * d
      let off = -400 * xi
      hv[i] = below + (1200 * xi * xi - 400 * x[i + 1] + 2) * v[i] + off * v[i + 1]
      below = off * v[i] + 200 * v[i + 1]
    }
    hv[n - 1] = below
    return f
  }
}
