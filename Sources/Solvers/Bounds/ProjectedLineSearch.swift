import Autodiff
import OptimizationCore

/// Backtracking along the projection arc x(α) = P(x + α·d) (Bertsekas, *Nonlinear Programming*
/// §2.3, the Armijo rule along the projection arc): accepts the first α of α₀, α₁, … with
///
///   f(x(α)) ≤ f(x) + c1·∇f(x)ᵀ(x(α) − x)  and  f(x(α)) < f(x),
///
/// shrinking α by safeguarded quadratic interpolation (the new α in [0.1α, ½α]). Every trial
/// point is projected, so the objective is never evaluated outside the box; with d = x̄ − x for
/// a feasible x̄ and α ≤ 1 the projection only guards against rounding. Each trial evaluates f
/// and ∇f together (one gradient evaluation). Fails (nil) when x(α) no longer differs from x,
/// when ∇f(x)ᵀ(x(α) − x) is not negative, or after `maxTrials` points.
struct ProjectedLineSearch: Sendable {
  var c1: Double = 1e-4
  var maxTrials = 60

  struct Step<T: SolverScalar> {
    var alpha: T
    var x: [T]
    var f: T
    var gradient: [T]
    var trials: Int
  }

  func search<T: SolverScalar>(
    _ objective: Objective<T>, bounds: Bounds<T>?, x: [T], f: T, gradient g: [T],
    direction d: [T], initialStep: T
  ) throws(EvaluationLimitReached) -> Step<T>? {
    guard f.isFinite else { return nil }
    var alpha = initialStep > 0 && initialStep.isFinite ? initialStep : 1
    var gt = [T]()
    for trial in 1...Swift.max(maxTrials, 1) {
      let moved = VectorMath.adding(x, alpha, d)
      let xt = bounds?.project(moved) ?? moved
      if xt == x { return nil }
      let decrease = VectorMath.dot(g, VectorMath.difference(xt, x))
      guard decrease < 0 else { return nil }
      let ft = try objective.gradient(xt, into: &gt)
      let usable = ft.isFinite && gt.allSatisfy(\.isFinite)
      // Strictly lower too: where c1·∇fᵀ(x(α) − x) is below the rounding of f, the Armijo test
      // alone accepts a point with the same f, and a method would step in place forever.
      if usable, ft <= f + T(c1) * decrease, ft < f {
        return Step(alpha: alpha, x: xt, f: ft, gradient: gt, trials: trial)
      }
      var next = alpha / 2
      if usable {
        // The minimizer of the quadratic through f(x), the secant slope decrease/α and f(x(α)).
        let slope = decrease / alpha
        let curvature = 2 * (ft - f - slope * alpha)
        if curvature > 0 {
          next = Swift.min(Swift.max(-slope * alpha * alpha / curvature, alpha / 10), alpha / 2)
        }
      }
      alpha = next
    }
    return nil
  }
}
