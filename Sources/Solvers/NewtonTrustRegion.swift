import Autodiff
import OptimizationCore

/// Newton's method in a trust region (Nocedal & Wright Alg. 4.1) with the model
/// m(p) = f + gᵀp + ½pᵀHp.
///
/// Subproblem: exact (eigen-based Moré–Sorensen, dense Hessian) when n ≤ `exactLimit`
/// (default 100) and the objective has a Hessian; otherwise Steihaug–Toint truncated CG with
/// Hessian–vector products. Radius: Δ₀ = `initialRadius` (1), ρ < ¼ → Δ ← ¼Δ; ρ > ¾ with a step
/// on the boundary → Δ ← min(2Δ, `maxRadius` = 1000); the step is taken when ρ > η = 0.15.
/// A rejected step is retried with the smaller radius inside the same iteration; when Δ falls
/// below the working precision of x the run ends with `.lineSearchFailed` (no acceptable step).
/// extras: "trust_radius" (Δ after the update), "rho", "rejected_steps".
public struct NewtonTrustRegion: Solver {
  public enum Subproblem: String, Sendable { case automatic, exact, steihaug }
  public var initialRadius: Double
  public var maxRadius: Double
  public var eta: Double
  public var subproblem: Subproblem
  public var exactLimit: Int

  public init(
    initialRadius: Double = 1, maxRadius: Double = 1000, eta: Double = 0.15,
    subproblem: Subproblem = .automatic, exactLimit: Int = 100
  ) {
    self.initialRadius = initialRadius
    self.maxRadius = maxRadius
    self.eta = eta
    self.subproblem = subproblem
    self.exactLimit = exactLimit
  }

  public var name: String { "newton-trust-region" }
  public var family: String { "Newton" }
  public var derivatives: DerivativeUse { .hessian }
  /// Up to n = 100 the exact subproblem holds the Hessian and its eigenvectors (four n×n
  /// matrices); above, Steihaug–Toint CG needs vectors only.
  public func workingScalars(dimension n: Int) -> Double {
    n <= 100 ? 4 * Double(n) * Double(n) + 32 * Double(n) : 32 * Double(n)
  }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(solver: name, objective: objective, options: options, start: start)
    let n = objective.dimension
    let useExact: Bool
    switch subproblem {
    case .exact: useExact = objective.hasHessian
    case .steihaug: useExact = false
    case .automatic: useExact = objective.hasHessian && n <= exactLimit
    }
    return run.run { () throws(EvaluationLimitReached) -> Status in
      guard objective.hasHessianVector else {
        run.stopMessage = "newton-trust-region needs the objective's Hessian, which it lacks"
        return .failed
      }
      var x = start
      var g = [T]()
      var f = try objective.gradient(x, into: &g)
      if let status = run.record(x: x, f: f, gradient: g) { return status }
      var radius = T(initialRadius)
      var h = [T]()
      while true {
        if useExact { try objective.hessian(x, into: &h) }
        var rejected = 0
        while true {
          if let status = run.shouldAbandonIteration() { return status }
          let (p, bp): ([T], [T])
          if useExact {
            (p, bp) = TrustRegionSubproblem.exact(gradient: g, hessian: h, n: n, radius: radius)
          } else {
            let point = x
            (p, bp) = try TrustRegionSubproblem.steihaug(
              gradient: g, radius: radius, maxIterations: 2 * n
            ) { (v: [T]) throws(EvaluationLimitReached) -> [T] in
              var hv = [T]()
              try objective.hessianVector(point, v, into: &hv)
              return hv
            }
          }
          let predicted = -(VectorMath.dot(g, p) + VectorMath.dot(p, bp) / 2)
          let candidate = VectorMath.adding(x, 1, p)
          let stepNorm = VectorMath.norm2(p)
          var gNew = [T]()
          let fNew: T
          if candidate == x || !(predicted > 0) {
            fNew = f
          } else {
            fNew = try objective.gradient(candidate, into: &gNew)
          }
          let rho = predicted > 0 ? (f - fNew) / predicted : -1
          if !(rho >= 1 / 4) || !fNew.isFinite {
            radius = radius / 4
          } else if rho > 3 / 4, stepNorm >= radius * (1 - T.ulpOfOne.squareRoot()) {
            radius = Swift.min(2 * radius, T(maxRadius))
          }
          if rho > T(eta), fNew.isFinite, candidate != x {
            x = candidate
            f = fNew
            g = gNew
            let extras = [
              "trust_radius": Double(radius), "rho": Double(rho),
              "rejected_steps": Double(rejected),
            ]
            if let status = run.record(x: x, f: f, gradient: g, extras: extras) { return status }
            break
          }
          rejected += 1
          if radius <= T.ulpOfOne * Swift.max(1, VectorMath.normInf(x)) {
            run.stopMessage =
              "the trust radius shrank to \(radius) without an acceptable step"
            return .lineSearchFailed
          }
        }
      }
    }
  }
}

extension NewtonTrustRegion {
  static let catalogEntry = SolverCatalogEntry(
    name: "newton-trust-region",
    settings: [SolverSetting("trust-radius", "initial trust radius Δ₀", .positive)]
  ) { s in NewtonTrustRegion(initialRadius: s.number("trust-radius") ?? 1) }
}
