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

  /// Eigenvalues (ascending) and the matching orthonormal eigenvectors (as columns of a
  /// row-major matrix) of a symmetric matrix, by cyclic Jacobi rotations.
  static func symmetricEigen<T: SolverScalar>(_ matrix: [T], n: Int) -> (
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
