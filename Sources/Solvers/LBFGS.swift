import Autodiff
import OptimizationCore

/// Limited-memory BFGS (Nocedal & Wright Alg. 7.4/7.5): the two-loop recursion over the last
/// `memory` pairs (default 10), initial matrix γI with γ = sᵀy/yᵀy of the newest pair; pairs
/// with yᵀs ≤ 0 are not stored. Strong-Wolfe line search with c1 = 1e-4, c2 = 0.9 and unit
/// initial step (1/max(1, ‖∇f‖∞) while the memory is empty). When the line search fails the
/// memory is cleared and the step retried once along −∇f; a second failure ends with
/// `.lineSearchFailed`. extras: "alpha", "line_search_trials", "memory_used".
public struct LBFGS: Solver {
  public var memory: Int
  public var c1: Double
  public var c2: Double

  public init(memory: Int = 10, c1: Double = 1e-4, c2: Double = 0.9) {
    self.memory = memory
    self.c1 = c1
    self.c2 = c2
  }

  public var name: String { "lbfgs" }
  public var family: String { "quasi-Newton" }
  public var derivatives: DerivativeUse { .gradient }
  /// m pairs (s, y) of length n beside the usual vectors.
  public func workingScalars(dimension n: Int) -> Double { Double(2 * memory + 32) * Double(n) }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(solver: name, objective: objective, options: options, start: start)
    let driver = LineSearchDriver(kind: .wolfe, c1: c1, c2: c2)
    let m = Swift.max(memory, 1)
    return run.run { () throws(EvaluationLimitReached) -> Status in
      var x = start
      var g = [T]()
      var f = try objective.gradient(x, into: &g)
      if let status = run.record(x: x, f: f, gradient: g) { return status }
      var pairs: [(s: [T], y: [T], rho: T)] = []
      while true {
        var d = Self.twoLoop(g, pairs).map { -$0 }
        if !(VectorMath.dot(g, d) < 0) {
          pairs.removeAll()
          d = VectorMath.negated(g)
        }
        var trials = 0
        var alpha0: T = pairs.isEmpty ? 1 / Swift.max(1, VectorMath.normInf(d)) : 1
        var step = try driver.search(
          objective, x: x, f: f, gradient: g, direction: d, initialStep: alpha0, trials: &trials)
        if step == nil, !pairs.isEmpty {
          pairs.removeAll()
          d = VectorMath.negated(g)
          alpha0 = 1 / Swift.max(1, VectorMath.normInf(d))
          var more = 0
          step = try driver.search(
            objective, x: x, f: f, gradient: g, direction: d, initialStep: alpha0, trials: &more)
          trials += more
        }
        guard let step, let gNew = step.gradient else {
          run.stopMessage = "the Wolfe line search found no acceptable step"
          return .lineSearchFailed
        }
        let s = VectorMath.difference(step.x, x)
        let y = VectorMath.difference(gNew, g)
        let ys = VectorMath.dot(y, s)
        if ys > 0, ys.isFinite {
          if pairs.count == m { pairs.removeFirst() }
          pairs.append((s, y, 1 / ys))
        }
        x = step.x
        f = step.f
        g = gNew
        let extras = [
          "alpha": Double(step.alpha), "line_search_trials": Double(trials),
          "memory_used": Double(pairs.count),
        ]
        if let status = run.record(x: x, f: f, gradient: g, extras: extras) { return status }
      }
    }
  }

  /// H·g by the two-loop recursion (N&W Alg. 7.4).
  static func twoLoop<T: SolverScalar>(_ g: [T], _ pairs: [(s: [T], y: [T], rho: T)]) -> [T] {
    var q = g
    var alphas = [T](repeating: 0, count: pairs.count)
    for i in pairs.indices.reversed() {
      alphas[i] = pairs[i].rho * VectorMath.dot(pairs[i].s, q)
      q = VectorMath.adding(q, -alphas[i], pairs[i].y)
    }
    if let last = pairs.last {
      let gamma = VectorMath.dot(last.s, last.y) / VectorMath.dot(last.y, last.y)
      q = q.map { $0 * gamma }
    }
    for i in pairs.indices {
      let beta = pairs[i].rho * VectorMath.dot(pairs[i].y, q)
      q = VectorMath.adding(q, alphas[i] - beta, pairs[i].s)
    }
    return q
  }
}

extension LBFGS {
  static let catalogEntry = SolverCatalogEntry(
    name: "lbfgs",
    settings: [SolverSetting("memory", "number of correction pairs m", .integer(minimum: 1))]
  ) { s in LBFGS(memory: s.integer("memory") ?? 10) }
}
