import Autodiff
import OptimizationCore

extension DenseLinearAlgebra {
  /// The inverse of a general (possibly indefinite) small n×n matrix, row-major, by Gauss–Jordan
  /// elimination with partial pivoting; nil when a pivot vanishes or the result is not finite.
  /// L-BFGS-B's middle matrix is indefinite (−D in one corner), so Cholesky does not apply.
  static func inverse<T: SolverScalar>(_ a: [T], n: Int) -> [T]? {
    var m = a
    var inv = [T](repeating: 0, count: n * n)
    for i in 0..<n { inv[i * n + i] = 1 }
    for column in 0..<n {
      var pivot = column
      for row in column..<n where Swift.abs(m[row * n + column]) > Swift.abs(m[pivot * n + column])
      {
        pivot = row
      }
      let p = m[pivot * n + column]
      guard p != 0, p.isFinite else { return nil }
      if pivot != column {
        for k in 0..<n {
          m.swapAt(pivot * n + k, column * n + k)
          inv.swapAt(pivot * n + k, column * n + k)
        }
      }
      for k in 0..<n {
        m[column * n + k] /= p
        inv[column * n + k] /= p
      }
      for row in 0..<n where row != column {
        let factor = m[row * n + column]
        if factor == 0 { continue }
        for k in 0..<n {
          m[row * n + k] -= factor * m[column * n + k]
          inv[row * n + k] -= factor * inv[column * n + k]
        }
      }
    }
    return inv.allSatisfy(\.isFinite) ? inv : nil
  }

  /// A·v for a row-major r×c matrix.
  static func times<T: SolverScalar>(_ a: [T], rows: Int, _ v: [T]) -> [T] {
    let c = v.count
    var r = [T](repeating: 0, count: rows)
    for i in 0..<rows {
      var s: T = 0
      for j in 0..<c { s += a[i * c + j] * v[j] }
      r[i] = s
    }
    return r
  }
}
