/// The eigen-decomposition of a small dense symmetric matrix.
public enum SymmetricEigen {
  /// Eigenvalues (ascending) and the matching orthonormal eigenvectors (as columns of a
  /// row-major matrix) of a symmetric matrix, by cyclic Jacobi rotations.
  public static func decompose<T: SolverScalar>(_ matrix: [T], n: Int) -> (
    values: [T], vectors: [T]
  ) {
    var a = matrix
    var v = [T](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    for _ in 0..<100 {
      var off: T = 0
      var total: T = 0
      for i in 0..<n {
        for j in 0..<n {
          total += a[i * n + j] * a[i * n + j]
          if i != j { off += a[i * n + j] * a[i * n + j] }
        }
      }
      if off <= T.ulpOfOne * T.ulpOfOne * total || off == 0 { break }
      for p in 0..<n {
        for q in (p + 1)..<max(n, p + 1) where a[p * n + q] != 0 {
          let apq = a[p * n + q]
          let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
          let sign: T = theta >= 0 ? 1 : -1
          let t = sign / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<n {
            let akp = a[k * n + p]
            let akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
          }
          for k in 0..<n {
            let apk = a[p * n + k]
            let aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
          }
          for k in 0..<n {
            let vkp = v[k * n + p]
            let vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
          }
        }
      }
    }
    let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
    let values = order.map { a[$0 * n + $0] }
    var vectors = [T](repeating: 0, count: n * n)
    for (column, source) in order.enumerated() {
      for k in 0..<n { vectors[k * n + column] = v[k * n + source] }
    }
    return (values, vectors)
  }
}
