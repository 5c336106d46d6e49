import Autodiff
import OptimizationCore

/// The Householder QR factorization of the stacked matrix [J; √λ·D] ((m + n)×n, D diagonal, λ ≥ 0)
/// for the damped linear least-squares problem min ‖J·p + r‖² + λ‖D·p‖², the step of
/// Levenberg–Marquardt (λ > 0) and Gauss–Newton (λ = 0). Factoring J itself rather than forming
/// JᵀJ keeps the condition number from being squared (Moré 1978, §3).
struct DampedQR<T: SolverScalar> {
  let rows: Int
  let n: Int
  /// Column-major, rows × n: R on and above the diagonal, the Householder vectors below.
  private var a: [T]
  private var beta: [T]

  /// `jacobian` is row-major m×n; `scaledDiagonal` (√λ·Dⱼ, n values) is appended below it, or
  /// nothing when nil (plain QR of J).
  init(jacobian: [T], m: Int, n: Int, scaledDiagonal: [T]?) {
    self.n = n
    rows = m + (scaledDiagonal == nil ? 0 : n)
    a = [T](repeating: 0, count: rows * n)
    for i in 0..<m {
      for j in 0..<n { a[j * rows + i] = jacobian[i * n + j] }
    }
    if let scaledDiagonal {
      for j in 0..<n { a[j * rows + m + j] = scaledDiagonal[j] }
    }
    beta = [T](repeating: 0, count: n)
    let rows = rows
    columnNorms = (0..<n).map { j in VectorNorms.euclidean(Array(a[j * rows..<(j + 1) * rows])) }
    for k in 0..<min(n, rows) { reflect(column: k) }
  }

  /// Householder reflection zeroing column k below the diagonal; applied to the later columns.
  private mutating func reflect(column k: Int) {
    let base = k * rows
    var scale: T = 0
    for i in k..<rows { scale = Swift.max(scale, Swift.abs(a[base + i])) }
    guard scale > 0 else {
      beta[k] = 0
      diagonal.append(0)
      return
    }
    var norm2: T = 0
    for i in k..<rows {
      let v = a[base + i] / scale
      norm2 += v * v
    }
    var alpha = scale * norm2.squareRoot()
    if a[base + k] > 0 { alpha = -alpha }
    // H = I − β·v·vᵀ with v = x − α·e₁ (stored in place of x) and β = 2/‖v‖² maps x to α·e₁.
    a[base + k] -= alpha
    var vnorm2: T = 0
    for i in k..<rows { vnorm2 += a[base + i] * a[base + i] }
    let b = 2 / vnorm2
    beta[k] = b
    for j in (k + 1)..<Swift.max(n, k + 1) {
      let cj = j * rows
      var s: T = 0
      for i in k..<rows { s += a[base + i] * a[cj + i] }
      s *= b
      for i in k..<rows { a[cj + i] -= s * a[base + i] }
    }
    // v occupies rows k… of column k, so Rₖₖ = α is kept apart.
    diagonal.append(alpha)
  }

  private var diagonal: [T] = []

  /// Rⱼⱼ, the diagonal of R.
  var rDiagonal: [T] { diagonal }

  /// ‖A·eⱼ‖ of the stacked matrix A, before the factorization.
  private var columnNorms: [T] = []

  /// Whether R is numerically non-singular: every |Rⱼⱼ| above max(rows, n)·ε·‖A·eⱼ‖. Rⱼⱼ is
  /// what is left of column j beside the earlier ones, so a column that is a combination of
  /// them leaves only rounding of its own size (J = [[1, 2], [2, 4], [3, 6]] leaves
  /// R₂₂ ≈ 2e-15 = 1.2ε·‖J·e₂‖).
  var isFullRank: Bool {
    guard diagonal.count == n else { return false }
    let tolerance = T(Swift.max(rows, n)) * T.ulpOfOne
    return (0..<n).allSatisfy { j in
      Swift.abs(diagonal[j]) > tolerance * columnNorms[j] && diagonal[j] != 0
    }
  }

  /// Qᵀ·b for a vector of `rows` values.
  func applyQTranspose(_ b: inout [T]) {
    for k in 0..<min(n, rows) where beta[k] != 0 {
      let base = k * rows
      var s: T = 0
      for i in k..<rows { s += a[base + i] * b[i] }
      s *= beta[k]
      for i in k..<rows { b[i] -= s * a[base + i] }
    }
  }

  /// R·x = y (the first n values of y).
  func solveR(_ y: [T]) -> [T] {
    var x = [T](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = y[i]
      for j in (i + 1)..<Swift.max(n, i + 1) { s -= rEntry(i, j) * x[j] }
      x[i] = s / diagonal[i]
    }
    return x
  }

  /// Rᵀ·z = y.
  func solveRTranspose(_ y: [T]) -> [T] {
    var z = [T](repeating: 0, count: n)
    for i in 0..<n {
      var s = y[i]
      for j in 0..<i { s -= rEntry(j, i) * z[j] }
      z[i] = s / diagonal[i]
    }
    return z
  }

  /// Rᵢⱼ for i < j (above the diagonal).
  private func rEntry(_ i: Int, _ j: Int) -> T { a[j * rows + i] }

  /// The minimizer of ‖[J; √λD]·p + [r; 0]‖: p = −R⁻¹·(Qᵀ[r; 0])₁..ₙ.
  func solve(residuals r: [T]) -> [T] {
    var b = r + [T](repeating: 0, count: rows - r.count)
    applyQTranspose(&b)
    return solveR(b).map { -$0 }
  }
}
