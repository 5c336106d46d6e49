import Autodiff
import OptimizationCore

/// Projected gradient for a box l ≤ x ≤ u (`SolverOptions.bounds`; without one it is steepest
/// descent with an Armijo search): xₖ₊₁ = P(xₖ − α·∇f(xₖ)), with α from the Armijo rule along
/// the projection arc (`ProjectedLineSearch`, c1 = 1e-4), so every iterate is in the box.
///
/// The first trial step is the Barzilai–Borwein step sᵀs/sᵀy of the last move (Birgin,
/// Martínez & Raydan's spectral projected gradient uses the same), clamped to [1e-10, 1e10];
/// at the first iteration, or when sᵀy ≤ 0, it is 1/max(1, ‖∇f‖∞). The search stays monotone.
/// A start outside the box is projected onto it first, and the result's message says so.
/// The gradient test is on the projected gradient x − P(x − ∇f(x)) (`Bounds.projectedGradient`),
/// which is what the trace's gradient norm holds. extras: "alpha", "line_search_trials".
public struct ProjectedGradient: Solver {
  public var c1: Double

  public init(c1: Double = 1e-4) { self.c1 = c1 }

  public var name: String { "projected-gradient" }
  public var family: String { "line search" }
  public var derivatives: DerivativeUse { .gradient }
  public var handlesBounds: Bool { true }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(
      solver: name, objective: objective, options: options, start: start, handlesBounds: true)
    let bounds = options.bounds
    let search = ProjectedLineSearch(c1: c1)
    return run.run { () throws(EvaluationLimitReached) -> Status in
      var x = FeasibleStart.project(start, bounds, run)
      var g = [T]()
      var f = try objective.gradient(x, into: &g)
      var projected = bounds?.projectedGradient(at: x, gradient: g) ?? g
      if let status = run.record(x: x, f: f, gradient: projected) { return status }
      var previous: (s: [T], y: [T])?
      while true {
        var alpha0 = 1 / Swift.max(1, VectorMath.normInf(g))
        if let previous {
          let sy = VectorMath.dot(previous.s, previous.y)
          let spectral = VectorMath.dot(previous.s, previous.s) / sy
          if sy > 0, spectral.isFinite { alpha0 = Swift.min(Swift.max(spectral, 1e-10), 1e10) }
        }
        guard
          let step = try search.search(
            objective, bounds: bounds, x: x, f: f, gradient: g, direction: VectorMath.negated(g),
            initialStep: alpha0)
        else {
          run.stopMessage = "the projected Armijo search found no acceptable step"
          return .lineSearchFailed
        }
        previous = (VectorMath.difference(step.x, x), VectorMath.difference(step.gradient, g))
        x = step.x
        f = step.f
        g = step.gradient
        projected = bounds?.projectedGradient(at: x, gradient: g) ?? g
        let extras = ["alpha": Double(step.alpha), "line_search_trials": Double(step.trials)]
        if let status = run.record(x: x, f: f, gradient: projected, extras: extras) {
          return status
        }
      }
    }
  }
}

extension ProjectedGradient {
  static let catalogEntry = SolverCatalogEntry(name: "projected-gradient") { _ in
    ProjectedGradient()
  }
}
