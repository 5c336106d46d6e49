import Autodiff
import OptimizationCore

/// Which line search a line-search method uses.
public enum LineSearchKind: String, Sendable, CaseIterable, Codable {
  /// Backtracking until the sufficient-decrease (Armijo) condition holds.
  case armijo
  /// Bracketing and zoom until the strong Wolfe conditions hold (Nocedal & Wright Alg. 3.5/3.6).
  case wolfe
}

/// A step a line search accepted along a direction d from x.
public struct LineSearchStep<T: SolverScalar> {
  /// The step length α; the new point is x + α·d.
  public var alpha: T
  public var x: [T]
  public var f: T
  /// ∇f at the new point when the search evaluated it (Wolfe), nil otherwise (Armijo).
  public var gradient: [T]?
  /// Points at which the search evaluated the objective.
  public var trials: Int
  /// For Wolfe: whether the curvature condition holds too (false when the zoom ran out of
  /// trials and fell back to the best sufficient-decrease point it had).
  public var curvatureSatisfied: Bool
}

/// The result of a line search: a step, or failure after the given number of trials.
public enum LineSearchOutcome<T: SolverScalar> {
  case accepted(LineSearchStep<T>)
  case failed(trials: Int)
}

/// The line search a method runs, with its constants: c1 for sufficient decrease, c2 for the
/// curvature condition (Wolfe only).
struct LineSearchDriver: Sendable {
  var kind: LineSearchKind
  var c1: Double
  var c2: Double

  /// Searches along d and returns a step whose gradient is always filled in (evaluated after
  /// an Armijo search), or nil on failure; `trials` counts the points tried.
  func search<T: SolverScalar>(
    _ objective: Objective<T>, x: [T], f: T, gradient g: [T], direction d: [T], initialStep: T,
    trials: inout Int
  ) throws(EvaluationLimitReached) -> LineSearchStep<T>? {
    let outcome: LineSearchOutcome<T>
    let armijo = ArmijoLineSearch(c1: c1)
    switch kind {
    case .armijo:
      outcome = try armijo.search(
        objective, x: x, f: f, gradient: g, direction: d, initialStep: initialStep)
    case .wolfe:
      outcome = try WolfeLineSearch(c1: c1, c2: c2).search(
        objective, x: x, f: f, gradient: g, direction: d, initialStep: initialStep)
    }
    switch outcome {
    case .failed(let n):
      trials = n
      return nil
    case .accepted(var step):
      trials = step.trials
      if step.gradient == nil {
        var gNew = [T]()
        step.f = try objective.gradient(step.x, into: &gNew)
        step.gradient = gNew
        if !gNew.allSatisfy(\.isFinite) {
          return try shorterStepWithFiniteGradient(
            objective, x: x, f: f, slope: VectorMath.dot(g, d), direction: d, from: step.alpha,
            maxTrials: armijo.maxTrials, trials: &trials)
        }
      }
      return step
    }
  }

  /// Armijo judges a step by f alone, so it can accept a point where f is finite but ∇f is not
  /// (the tip of a cone, such as Ackley's minimum), which would hand the method a NaN
  /// direction. This halves the step until ∇f is finite and sufficient decrease still holds;
  /// nil when the trials run out or the step no longer moves x.
  private func shorterStepWithFiniteGradient<T: SolverScalar>(
    _ objective: Objective<T>, x: [T], f: T, slope: T, direction d: [T], from alpha: T,
    maxTrials: Int, trials: inout Int
  ) throws(EvaluationLimitReached) -> LineSearchStep<T>? {
    var alpha = alpha
    var gt = [T]()
    while trials < maxTrials {
      alpha /= 2
      let xt = VectorMath.adding(x, alpha, d)
      if xt == x { return nil }
      trials += 1
      let ft = try objective.gradient(xt, into: &gt)
      if ft.isFinite, ft <= f + T(c1) * alpha * slope, gt.allSatisfy(\.isFinite) {
        return LineSearchStep(
          alpha: alpha, x: xt, f: ft, gradient: gt, trials: trials, curvatureSatisfied: false)
      }
    }
    return nil
  }
}

extension LineSearchDriver {
  /// The first trial step for methods without a natural unit step (steepest descent, CG):
  /// 1/max(1, ‖d‖∞) at first, then min(1, 1.01·2(fₖ − fₖ₋₁)/φ'(0)) (Nocedal & Wright eq. 3.60).
  static func initialStep<T: SolverScalar>(f: T, previousF: T?, slope: T, direction d: [T]) -> T {
    if let previousF {
      let guess = 2 * (f - previousF) / slope * T(1.01)
      if guess.isFinite, guess > 0 { return Swift.min(1, guess) }
    }
    return 1 / Swift.max(1, VectorMath.normInf(d))
  }
}
