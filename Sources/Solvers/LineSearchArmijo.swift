import Autodiff
import OptimizationCore

/// Backtracking line search: tries α₀, then shrinks α by safeguarded quadratic interpolation
/// (the new α lies in [0.1α, ρα], ρ = `shrink`) until f(x + αd) ≤ f(x) + c1·α·∇f(x)ᵀd.
/// Evaluates only f (counted as f evaluations). Fails when d is not a descent direction, when
/// the step no longer changes x in the working precision, or after `maxTrials` points.
public struct ArmijoLineSearch: Sendable {
  /// Sufficient-decrease constant (default 1e-4).
  public var c1: Double
  /// Largest backtracking factor (default 0.5).
  public var shrink: Double
  /// Most points tried (default 60).
  public var maxTrials: Int

  public init(c1: Double = 1e-4, shrink: Double = 0.5, maxTrials: Int = 60) {
    self.c1 = c1
    self.shrink = shrink
    self.maxTrials = maxTrials
  }

  public func search<T: SolverScalar>(
    _ objective: Objective<T>, x: [T], f: T, gradient g: [T], direction d: [T], initialStep: T
  ) throws(EvaluationLimitReached) -> LineSearchOutcome<T> {
    let slope = VectorMath.dot(g, d)
    guard slope < 0, f.isFinite else { return .failed(trials: 0) }
    let c1 = T(self.c1)
    var alpha = initialStep
    for trial in 1...max(maxTrials, 1) {
      let xt = VectorMath.adding(x, alpha, d)
      if xt == x { return .failed(trials: trial - 1) }
      let ft = try objective.value(xt)
      if ft.isFinite, ft <= f + c1 * alpha * slope {
        return .accepted(
          LineSearchStep(
            alpha: alpha, x: xt, f: ft, gradient: nil, trials: trial, curvatureSatisfied: false))
      }
      var next = alpha * T(shrink)
      if ft.isFinite {
        // Minimiser of the quadratic through f(0), f'(0) and f(α).
        let curvature = 2 * (ft - f - slope * alpha)
        if curvature > 0 {
          let quadratic = -slope * alpha * alpha / curvature
          next = Swift.min(Swift.max(quadratic, alpha / 10), alpha * T(shrink))
        }
      }
      alpha = next
    }
    return .failed(trials: maxTrials)
  }
}
