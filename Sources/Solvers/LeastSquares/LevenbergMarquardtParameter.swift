import Autodiff
import OptimizationCore

/// The Levenberg–Marquardt step for a trust region: Moré's algorithm (Moré 1978, "The
/// Levenberg–Marquardt algorithm: implementation and theory", §5; MINPACK's `lmpar`). It finds
/// λ ≥ 0 with p(λ) = argmin ‖J·p + r‖² + λ‖D·p‖² and ‖D·p(λ)‖ within 10% of Δ (or λ = 0 when the
/// Gauss–Newton step already lies inside), by a safeguarded Newton iteration on
/// φ(λ) = ‖D·p(λ)‖ − Δ, at most 10 factorizations.
struct LevenbergMarquardtStep<T: SolverScalar> {
  var p: [T]
  /// λ, the Levenberg–Marquardt parameter of the step.
  var lambda: T
  /// The factorization of [J; √λ·D] the step came from (for a second right-hand side).
  var factorization: DampedQR<T>

  init(at point: LeastSquaresPoint<T>, scaling d: [T], radius delta: T, lambda initial: T) {
    let m = point.m
    let n = point.n
    func scaledNorm(_ v: [T]) -> T { VectorNorms.euclidean(zip(d, v).map { $0 * $1 }) }
    /// D·(D·p)/‖D·p‖, whose Rᵀ-solve gives φ′(λ) = −‖R⁻ᵀ·D²p/‖Dp‖‖²·‖Dp‖.
    func direction(_ v: [T], _ norm: T) -> [T] { zip(d, v).map { $0 * $0 * $1 / norm } }

    let plain = DampedQR(jacobian: point.jacobian, m: m, n: n, scaledDiagonal: nil)
    var lower: T = 0
    // +∞: with no Gauss–Newton step there is no previous φ for the stopping test below.
    var fp = T.infinity
    if plain.isFullRank {
      let gaussNewton = plain.solve(residuals: point.r)
      let norm = scaledNorm(gaussNewton)
      fp = norm - delta
      if fp <= delta / 10 {
        self.init(p: gaussNewton, lambda: 0, factorization: plain)
        return
      }
      let z = plain.solveRTranspose(direction(gaussNewton, norm))
      let zNorm = VectorNorms.euclidean(z)
      lower = fp / delta / zNorm / zNorm
    }
    // ‖D⁻¹·Jᵀr‖/Δ bounds λ above.
    var jtr = [T](repeating: 0, count: n)
    for i in 0..<m {
      for j in 0..<n { jtr[j] += point.jacobian[i * n + j] * point.r[i] }
    }
    let gradientNorm = VectorNorms.euclidean(zip(jtr, d).map { $0 / $1 })
    var upper = gradientNorm / delta
    if upper == 0 { upper = T.leastNormalMagnitude / Swift.min(delta, T(1) / 10) }
    var lambda = Swift.min(Swift.max(initial, lower), upper)
    var step = plain
    var p = [T](repeating: 0, count: n)
    for iteration in 1...10 {
      if lambda == 0 { lambda = Swift.max(T.leastNormalMagnitude, upper / 1000) }
      let root = lambda.squareRoot()
      step = DampedQR(
        jacobian: point.jacobian, m: m, n: n, scaledDiagonal: d.map { root * $0 })
      p = step.solve(residuals: point.r)
      let norm = scaledNorm(p)
      let previous = fp
      fp = norm - delta
      if Swift.abs(fp) <= delta / 10 || (lower == 0 && fp <= previous && previous < 0)
        || iteration == 10 || norm == 0
      {
        break
      }
      let z = step.solveRTranspose(direction(p, norm))
      let zNorm = VectorNorms.euclidean(z)
      let correction = fp / delta / zNorm / zNorm
      if fp > 0 { lower = Swift.max(lower, lambda) }
      if fp < 0 { upper = Swift.min(upper, lambda) }
      lambda = Swift.max(lower, lambda + correction)
    }
    self.init(p: p, lambda: lambda, factorization: step)
  }

  private init(p: [T], lambda: T, factorization: DampedQR<T>) {
    self.p = p
    self.lambda = lambda
    self.factorization = factorization
  }
}
