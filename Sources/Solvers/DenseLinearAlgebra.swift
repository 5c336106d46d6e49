import Autodiff
import OptimizationCore

/// Dense symmetric linear algebra for the Newton methods (row-major n×n matrices; small n).
enum DenseLinearAlgebra {
  /// The lower Cholesky factor L (row-major) of a symmetric matrix, or nil when it is not
  /// numerically positive definite.
  static func cholesky<T: SolverScalar>(_ a: [T], n: Int) -> [T]? {
    var l = [T](repeating: 0, count: n * n)
    for j in 0..<n {
      var d = a[j * n + j]
      for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
      guard d > 0, d.isFinite else { return nil }
      let ljj = d.squareRoot()
      l[j * n + j] = ljj
      for i in (j + 1)..<max(n, j + 1) {
        var s = a[i * n + j]
        for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
        l[i * n + j] = s / ljj
      }
    }
    return l
  }

  /// Solves L·Lᵀ·x = b.
  static func choleskySolve<T: SolverScalar>(_ l: [T], n: Int, _ b: [T]) -> [T] {
    var y = b
    for i in 0..<n {
      var s = y[i]
      for k in 0..<i { s -= l[i * n + k] * y[k] }
      y[i] = s / l[i * n + i]
    }
    var x = y
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = x[i]
      for k in (i + 1)..<max(n, i + 1) { s -= l[k * n + i] * x[k] }
      x[i] = s / l[i * n + i]
    }
    return x
  }
}
