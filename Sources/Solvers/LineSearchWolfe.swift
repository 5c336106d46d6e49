import Autodiff
import OptimizationCore

/// Strong-Wolfe line search (Nocedal & Wright, Alg. 3.5 bracketing and Alg. 3.6 zoom, with
/// safeguarded cubic interpolation). Accepts α with
///   f(x + αd) ≤ f(x) + c1·α·∇f(x)ᵀd   and   |∇f(x + αd)ᵀd| ≤ c2·|∇f(x)ᵀd|.
/// Where f is flat to rounding error, sufficient decrease is judged by the approximate Wolfe
/// test of Hager & Zhang (2005), φ'(α) ≤ (2c1 − 1)φ'(0) with φ(α) ≤ φ(0) + 10ε|φ(0)|.
/// Every trial evaluates the gradient (counted as a gradient evaluation); a trial where f or
/// the gradient is not finite counts as too long a step. When `maxTrials` run out it falls
/// back to the best sufficient-decrease point found, if any, and fails otherwise; it also
/// fails when d is not a descent direction.
public struct WolfeLineSearch: Sendable {
  /// Sufficient-decrease constant (default 1e-4).
  public var c1: Double
  /// Curvature constant: 0.9 for quasi-Newton methods, 0.1 for CG and steepest descent.
  public var c2: Double
  /// Most points tried (default 40).
  public var maxTrials: Int
  /// Largest step allowed while bracketing (default 1e10).
  public var maxStep: Double

  public init(c1: Double = 1e-4, c2: Double = 0.9, maxTrials: Int = 40, maxStep: Double = 1e10) {
    self.c1 = c1
    self.c2 = c2
    self.maxTrials = maxTrials
    self.maxStep = maxStep
  }

  /// φ(α) = f(x + αd) and φ'(α) = ∇f(x + αd)ᵀd at one trial step.
  private struct Trial<T: SolverScalar> {
    var alpha: T
    var value: T
    var slope: T
    var x: [T]
    var gradient: [T]
  }

  public func search<T: SolverScalar>(
    _ objective: Objective<T>, x: [T], f: T, gradient g: [T], direction d: [T], initialStep: T
  ) throws(EvaluationLimitReached) -> LineSearchOutcome<T> {
    let slope0 = VectorMath.dot(g, d)
    guard slope0 < 0, f.isFinite else { return .failed(trials: 0) }
    let c1 = T(self.c1)
    let c2 = T(self.c2)
    var trials = 0

    func evaluate(_ alpha: T) throws(EvaluationLimitReached) -> Trial<T> {
      trials += 1
      let xt = VectorMath.adding(x, alpha, d)
      var gt = [T]()
      let ft = try objective.gradient(xt, into: &gt)
      let st = VectorMath.dot(gt, d)
      // A point where f or ∇f is not finite is treated as "too far": it fails sufficient
      // decrease. A finite f with an undefined gradient (the tip of a cone, such as Ackley's
      // minimum) would otherwise be accepted and hand the method a NaN direction.
      let usable = ft.isFinite && gt.allSatisfy(\.isFinite)
      return Trial(
        alpha: alpha, value: usable ? ft : .infinity, slope: st, x: xt, gradient: gt)
    }
    // Near a minimizer f changes by less than its rounding error, so the decrease test cannot
    // be decided from values; there the approximate Wolfe test of Hager & Zhang (2005) uses
    // the slope instead: φ'(α) ≤ (2c1 − 1)φ'(0) with φ(α) ≤ φ(0) + ε_f, ε_f = 10ε|φ(0)|.
    let noise = 10 * T.ulpOfOne * Swift.abs(f)
    func sufficient(_ t: Trial<T>) -> Bool {
      if t.value <= f + c1 * t.alpha * slope0 { return true }
      return t.value <= f + noise && t.slope <= (2 * c1 - 1) * slope0
    }
    // Whether t is no better than u; in the flat regime the values cannot tell, so no.
    func noBetter(_ t: Trial<T>, than u: Trial<T>) -> Bool {
      t.value >= u.value && Swift.abs(t.value - f) > noise
    }
    func curvature(_ t: Trial<T>) -> Bool { t.slope.isFinite && Swift.abs(t.slope) <= -c2 * slope0 }
    func accept(_ t: Trial<T>, curvatureHolds: Bool = true) -> LineSearchOutcome<T> {
      .accepted(
        LineSearchStep(
          alpha: t.alpha, x: t.x, f: t.value, gradient: t.gradient, trials: trials,
          curvatureSatisfied: curvatureHolds))
    }
    let start = Trial(alpha: 0, value: f, slope: slope0, x: x, gradient: g)

    func zoom(_ lowIn: Trial<T>, _ highIn: Trial<T>) throws(EvaluationLimitReached)
      -> LineSearchOutcome<T>
    {
      var low = lowIn
      var high = highIn
      while trials < maxTrials {
        let width = Swift.abs(high.alpha - low.alpha)
        if VectorMath.adding(x, low.alpha + (high.alpha - low.alpha) / 2, d) == low.x
          || width == 0
        {
          break
        }
        var alpha = Self.cubicMinimizer(low, high) ?? (low.alpha + high.alpha) / 2
        let lo = Swift.min(low.alpha, high.alpha)
        let hi = Swift.max(low.alpha, high.alpha)
        if !(alpha >= lo + width / 10 && alpha <= hi - width / 10) {
          alpha = (low.alpha + high.alpha) / 2
        }
        let t = try evaluate(alpha)
        if !sufficient(t) || noBetter(t, than: low) {
          high = t
        } else {
          if curvature(t) { return accept(t) }
          if t.slope * (high.alpha - low.alpha) >= 0 { high = low }
          low = t
        }
      }
      if low.alpha > 0 { return accept(low, curvatureHolds: curvature(low)) }
      return .failed(trials: trials)
    }

    var previous = start
    var alpha = initialStep > 0 && initialStep.isFinite ? initialStep : 1
    let maxStep = T(self.maxStep)
    while trials < maxTrials {
      let t = try evaluate(alpha)
      if !sufficient(t) || (previous.alpha > 0 && noBetter(t, than: previous)) {
        return try zoom(previous, t)
      }
      if curvature(t) { return accept(t) }
      if t.slope >= 0 { return try zoom(t, previous) }
      if alpha >= maxStep { return accept(t, curvatureHolds: false) }
      previous = t
      alpha = Swift.min(2 * alpha, maxStep)
    }
    if previous.alpha > 0 { return accept(previous, curvatureHolds: false) }
    return .failed(trials: trials)
  }

  /// The minimiser of the cubic matching φ and φ' at both ends (N&W eq. 3.59), nil when it
  /// does not exist or the data are not finite.
  private static func cubicMinimizer<T: SolverScalar>(_ a: Trial<T>, _ b: Trial<T>) -> T? {
    guard a.value.isFinite, b.value.isFinite, a.slope.isFinite, b.slope.isFinite,
      a.alpha != b.alpha
    else { return nil }
    let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.alpha - b.alpha)
    let radicand = d1 * d1 - a.slope * b.slope
    guard radicand >= 0 else { return nil }
    let sign: T = b.alpha > a.alpha ? 1 : -1
    let d2 = sign * radicand.squareRoot()
    let denominator = b.slope - a.slope + 2 * d2
    guard denominator != 0 else { return nil }
    let result = b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / denominator
    return result.isFinite ? result : nil
  }
}
