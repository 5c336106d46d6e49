import Autodiff
import OptimizationCore

/// Nonlinear conjugate gradients: dₖ₊₁ = −gₖ₊₁ + βₖ₊₁dₖ with
/// - `cg-pr` (Polak–Ribière+): β = max(0, gₖ₊₁ᵀ(gₖ₊₁ − gₖ)/gₖᵀgₖ),
/// - `cg-fr` (Fletcher–Reeves): β = ‖gₖ₊₁‖²/‖gₖ‖².
/// Restarts with d = −g every n iterations and whenever d is not a descent direction.
/// Strong-Wolfe line search with c1 = 1e-4, c2 = 0.1; first trial step as for steepest
/// descent (N&W eq. 3.60). extras: "alpha", "line_search_trials", "beta".
public struct ConjugateGradient: Solver {
  public enum Formula: String, Sendable { case polakRibiere = "cg-pr", fletcherReeves = "cg-fr" }
  public var formula: Formula
  public var c1: Double
  public var c2: Double

  public init(formula: Formula = .polakRibiere, c1: Double = 1e-4, c2: Double = 0.1) {
    self.formula = formula
    self.c1 = c1
    self.c2 = c2
  }

  public var name: String { formula.rawValue }
  public var family: String { "conjugate gradient" }
  public var derivatives: DerivativeUse { .gradient }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(solver: name, objective: objective, options: options, start: start)
    let driver = LineSearchDriver(kind: .wolfe, c1: c1, c2: c2)
    let n = Swift.max(objective.dimension, 1)
    return run.run { () throws(EvaluationLimitReached) -> Status in
      var x = start
      var g = [T]()
      var f = try objective.gradient(x, into: &g)
      if let status = run.record(x: x, f: f, gradient: g) { return status }
      var d = VectorMath.negated(g)
      var previousF: T?
      var sinceRestart = 0
      while true {
        var slope = VectorMath.dot(g, d)
        if !(slope < 0) {
          d = VectorMath.negated(g)
          slope = VectorMath.dot(g, d)
          sinceRestart = 0
        }
        let alpha0 = LineSearchDriver.initialStep(
          f: f, previousF: previousF, slope: slope, direction: d)
        var trials = 0
        guard
          let step = try driver.search(
            objective, x: x, f: f, gradient: g, direction: d, initialStep: alpha0,
            trials: &trials),
          let gNew = step.gradient
        else {
          run.stopMessage = "the Wolfe line search found no acceptable step"
          return .lineSearchFailed
        }
        let gg = VectorMath.dot(g, g)
        var beta: T
        switch formula {
        case .polakRibiere:
          beta = Swift.max(0, VectorMath.dot(gNew, VectorMath.difference(gNew, g)) / gg)
        case .fletcherReeves:
          beta = VectorMath.dot(gNew, gNew) / gg
        }
        sinceRestart += 1
        if sinceRestart >= n || !beta.isFinite {
          beta = 0
          sinceRestart = 0
        }
        d = VectorMath.adding(VectorMath.negated(gNew), beta, d)
        previousF = f
        x = step.x
        f = step.f
        g = gNew
        let extras = [
          "alpha": Double(step.alpha), "line_search_trials": Double(trials), "beta": Double(beta),
        ]
        if let status = run.record(x: x, f: f, gradient: g, extras: extras) { return status }
      }
    }
  }
}

extension ConjugateGradient {
  static func catalogEntry(_ formula: Formula) -> SolverCatalogEntry {
    SolverCatalogEntry(name: formula.rawValue) { _ in
      ConjugateGradient(formula: formula)
    }
  }
}
