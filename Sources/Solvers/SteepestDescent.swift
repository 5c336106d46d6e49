import Autodiff
import OptimizationCore

/// Steepest descent: d = −∇f, then a line search.
///
/// Defaults: strong-Wolfe line search with c1 = 1e-4, c2 = 0.1 (or Armijo backtracking with
/// c1 = 1e-4, ρ = 0.5 and quadratic interpolation). The first trial step is 1/max(1, ‖∇f‖∞),
/// later ones min(1, 1.01·2(fₖ − fₖ₋₁)/∇fₖᵀdₖ) (Nocedal & Wright eq. 3.60).
/// Ends with `.lineSearchFailed` when no acceptable step exists (for instance at the limit of
/// the working precision). extras: "alpha", "line_search_trials".
public struct SteepestDescent: Solver {
  public var lineSearch: LineSearchKind
  public var c1: Double
  public var c2: Double

  public init(lineSearch: LineSearchKind = .wolfe, c1: Double = 1e-4, c2: Double = 0.1) {
    self.lineSearch = lineSearch
    self.c1 = c1
    self.c2 = c2
  }

  public var name: String { "steepest-descent" }
  public var family: String { "line search" }
  public var derivatives: DerivativeUse { .gradient }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(solver: name, objective: objective, options: options, start: start)
    let driver = LineSearchDriver(kind: lineSearch, c1: c1, c2: c2)
    return run.run { () throws(EvaluationLimitReached) -> Status in
      var x = start
      var g = [T]()
      var f = try objective.gradient(x, into: &g)
      if let status = run.record(x: x, f: f, gradient: g) { return status }
      var previousF: T?
      while true {
        let d = VectorMath.negated(g)
        let alpha0 = LineSearchDriver.initialStep(
          f: f, previousF: previousF, slope: VectorMath.dot(g, d), direction: d)
        var trials = 0
        guard
          let step = try driver.search(
            objective, x: x, f: f, gradient: g, direction: d, initialStep: alpha0,
            trials: &trials)
        else {
          run.stopMessage = "the \(lineSearch.rawValue) line search found no acceptable step"
          return .lineSearchFailed
        }
        previousF = f
        x = step.x
        f = step.f
        g = step.gradient ?? g
        let extras = ["alpha": Double(step.alpha), "line_search_trials": Double(trials)]
        if let status = run.record(x: x, f: f, gradient: g, extras: extras) { return status }
      }
    }
  }
}

extension SteepestDescent {
  static let catalogEntry = SolverCatalogEntry(
    name: "steepest-descent",
    settings: [
      SolverSetting(
        "line-search", "line search: wolfe or armijo",
        .choice(LineSearchKind.allCases.map(\.rawValue)))
    ]
  ) { s in
    SteepestDescent(lineSearch: s.choice("line-search").flatMap(LineSearchKind.init) ?? .wolfe)
  }
}
