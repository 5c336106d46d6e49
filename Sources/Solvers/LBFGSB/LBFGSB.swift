import Autodiff
import OptimizationCore

/// L-BFGS-B for a box l ≤ x ≤ u (`SolverOptions.bounds`; without one, the same iteration with
/// no bound in reach), after Byrd, Lu, Nocedal & Zhu (1995). Each iteration:
///
/// 1. the generalized Cauchy point x^c of the quadratic model with the limited-memory matrix B
///    in compact form, along the projected steepest-descent path (`CauchyPoint`);
/// 2. subspace minimization of the model over the variables free at x^c, by the direct primal
///    method, cut back to stay in the box (`SubspaceStep`), giving x̄;
/// 3. a search along d = x̄ − x over α ∈ (0, 1], where x + αd stays in the box: backtracking
///    with the Armijo condition (c1 = 1e-4) from α = 1, or from min(1, 1/‖d‖₂) while the memory
///    is empty, as the paper's code does (`ProjectedLineSearch`);
/// 4. the pair (s, y) kept when sᵀy > ε·yᵀy (memory 10 by default), θ = yᵀy/sᵀy.
///
/// The paper's code searches with Moré–Thuente (Wolfe conditions); this one backtracks, and a
/// pair that fails the curvature test is skipped instead. When x̄ − x is not a descent
/// direction or the search fails, the memory is cleared and the iteration retried once; a
/// second failure ends with `.lineSearchFailed`. A start outside the box is projected onto it
/// first, and the result's message says so. The gradient test is on the projected gradient
/// x − P(x − ∇f(x)), the trace's gradient norm. extras: "alpha", "line_search_trials",
/// "memory_used", "free_variables" (at the Cauchy point).
public struct LBFGSB: Solver {
  public var memory: Int
  public var c1: Double

  public init(memory: Int = 10, c1: Double = 1e-4) {
    self.memory = memory
    self.c1 = c1
  }

  public var name: String { "lbfgsb" }
  public var family: String { "quasi-Newton" }
  public var derivatives: DerivativeUse { .gradient }
  public var handlesBounds: Bool { true }
  /// m pairs (s, y) of length n beside the usual vectors.
  public func workingScalars(dimension n: Int) -> Double { Double(2 * memory + 32) * Double(n) }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(
      solver: name, objective: objective, options: options, start: start, handlesBounds: true)
    let search = ProjectedLineSearch(c1: c1)
    return run.run { () throws(EvaluationLimitReached) -> Status in
      let bounds = options.bounds ?? Bounds(unboundedDimension: start.count)
      var x = FeasibleStart.project(start, options.bounds, run)
      var g = [T]()
      var f = try objective.gradient(x, into: &g)
      if let status = run.record(x: x, f: f, gradient: bounds.projectedGradient(at: x, gradient: g))
      {
        return status
      }
      var pairs = CompactLBFGS<T>(capacity: memory)
      while true {
        var step: ProjectedLineSearch.Step<T>?
        var free = 0
        var trials = 0
        // Once with the memory, and once more without it if that fails.
        for _ in 0..<2 {
          let cauchy = CauchyPoint(x: x, gradient: g, bounds: bounds, memory: pairs)
          free =
            cauchy.x.indices.filter {
              bounds.lower[$0] < cauchy.x[$0] && cauchy.x[$0] < bounds.upper[$0]
            }.count
          let target = SubspaceStep.point(
            x: x, gradient: g, cauchy: cauchy, bounds: bounds, memory: pairs)
          let d = VectorMath.difference(target, x)
          if VectorMath.dot(g, d) < 0 {
            let alpha0 = pairs.isEmpty ? Swift.min(1, 1 / VectorMath.norm2(d)) : 1
            step = try search.search(
              objective, bounds: bounds, x: x, f: f, gradient: g, direction: d,
              initialStep: alpha0)
          }
          if step != nil || pairs.isEmpty { break }
          pairs.reset()
        }
        guard let step else {
          run.stopMessage =
            "no acceptable step along the L-BFGS-B direction or the projected gradient"
          return .lineSearchFailed
        }
        trials += step.trials
        pairs.add(s: VectorMath.difference(step.x, x), y: VectorMath.difference(step.gradient, g))
        x = step.x
        f = step.f
        g = step.gradient
        let extras = [
          "alpha": Double(step.alpha), "line_search_trials": Double(trials),
          "memory_used": Double(pairs.count), "free_variables": Double(free),
        ]
        let projected = bounds.projectedGradient(at: x, gradient: g)
        if let status = run.record(x: x, f: f, gradient: projected, extras: extras) {
          return status
        }
      }
    }
  }
}

extension LBFGSB {
  static let catalogEntry = SolverCatalogEntry(
    name: "lbfgsb",
    settings: [SolverSetting("memory", "number of correction pairs m", .integer(minimum: 1))]
  ) { s in LBFGSB(memory: s.integer("memory") ?? 10) }
}
