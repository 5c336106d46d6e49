import Autodiff
import OptimizationCore

/// BFGS with the inverse-Hessian update (Nocedal & Wright §6.1).
///
/// H₀ = I for the first step, rescaled to (yᵀs / yᵀy)·I before the first update (N&W eq. 6.20);
/// the update is skipped when yᵀs ≤ 0. Strong-Wolfe line search with c1 = 1e-4, c2 = 0.9 and
/// unit initial step. When the line search fails, H is reset to the identity and the step is
/// retried once along −∇f; a second failure ends with `.lineSearchFailed`.
/// extras: "alpha", "line_search_trials", "update_skipped" (1 when skipped).
public struct BFGS: Solver {
  public var c1: Double
  public var c2: Double

  public init(c1: Double = 1e-4, c2: Double = 0.9) {
    self.c1 = c1
    self.c2 = c2
  }

  public var name: String { "bfgs" }
  public var family: String { "quasi-Newton" }
  public var derivatives: DerivativeUse { .gradient }
  /// The inverse-Hessian approximation and its update's temporaries: three n×n matrices.
  public func workingScalars(dimension n: Int) -> Double {
    3 * Double(n) * Double(n) + 32 * Double(n)
  }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(solver: name, objective: objective, options: options, start: start)
    let driver = LineSearchDriver(kind: .wolfe, c1: c1, c2: c2)
    let n = objective.dimension
    return run.run { () throws(EvaluationLimitReached) -> Status in
      var x = start
      var g = [T]()
      var f = try objective.gradient(x, into: &g)
      if let status = run.record(x: x, f: f, gradient: g) { return status }
      var h = Self.identity(T.self, n)
      var isIdentity = true
      var updated = false
      while true {
        var d = Self.product(h, g, n).map { -$0 }
        if !(VectorMath.dot(g, d) < 0) {
          h = Self.identity(T.self, n)
          isIdentity = true
          d = VectorMath.negated(g)
        }
        var trials = 0
        var alpha0: T = isIdentity ? 1 / Swift.max(1, VectorMath.normInf(d)) : 1
        var step = try driver.search(
          objective, x: x, f: f, gradient: g, direction: d, initialStep: alpha0, trials: &trials)
        if step == nil, !isIdentity {
          h = Self.identity(T.self, n)
          isIdentity = true
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
        var skipped = 1.0
        if ys > 0, ys.isFinite {
          if !updated {
            // N&W eq. 6.20: scale the initial matrix before the first update.
            let scale = ys / VectorMath.dot(y, y)
            h = Self.identity(T.self, n).map { $0 * scale }
          }
          Self.update(&h, s: s, y: y, ys: ys, n: n)
          updated = true
          isIdentity = false
          skipped = 0
        }
        x = step.x
        f = step.f
        g = gNew
        let extras = [
          "alpha": Double(step.alpha), "line_search_trials": Double(trials),
          "update_skipped": skipped,
        ]
        if let status = run.record(x: x, f: f, gradient: g, extras: extras) { return status }
      }
    }
  }

  static func identity<T: SolverScalar>(_: T.Type, _ n: Int) -> [T] {
    var h = [T](repeating: 0, count: n * n)
    for i in 0..<n { h[i * n + i] = 1 }
    return h
  }

  static func product<T: SolverScalar>(_ a: [T], _ v: [T], _ n: Int) -> [T] {
    var r = [T](repeating: 0, count: n)
    for i in 0..<n {
      var s: T = 0
      for j in 0..<n { s += a[i * n + j] * v[j] }
      r[i] = s
    }
    return r
  }

  /// H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, ρ = 1/yᵀs, expanded as
  /// H − ρ(Hy sᵀ + s (Hy)ᵀ) + (ρ²·yᵀHy + ρ) ssᵀ (H symmetric).
  static func update<T: SolverScalar>(_ h: inout [T], s: [T], y: [T], ys: T, n: Int) {
    let rho = 1 / ys
    let hy = product(h, y, n)
    let yhy = VectorMath.dot(y, hy)
    let c = rho * rho * yhy + rho
    for i in 0..<n {
      for j in 0..<n {
        h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + c * s[i] * s[j]
      }
    }
  }
}

extension BFGS {
  static let catalogEntry = SolverCatalogEntry(name: "bfgs") { _ in BFGS() }
}
