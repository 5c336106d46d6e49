import Autodiff
import OptimizationCore

/// Newton's method with a modified Hessian (Nocedal & Wright Alg. 3.3, Cholesky with added
/// multiple of the identity): factor H + τI, with τ = 0 when H is positive definite, else
/// starting at max(1e-3, 1e-3 − min Hᵢᵢ) and growing ×10 until the Cholesky factorization
/// succeeds. The direction d = −(H + τI)⁻¹∇f is always a descent direction, so the method never
/// heads for a saddle point or a maximum. Then an Armijo backtracking line search (c1 = 1e-4,
/// unit step first). Needs the exact Hessian. extras: "shift" (τ), "alpha",
/// "line_search_trials".
public struct Newton: Solver {
  public var c1: Double
  /// The smallest shift tried once H is not positive definite (β in N&W Alg. 3.3).
  public var minimumShift: Double

  public init(c1: Double = 1e-4, minimumShift: Double = 1e-3) {
    self.c1 = c1
    self.minimumShift = minimumShift
  }

  public var name: String { "newton" }
  public var family: String { "Newton" }
  public var derivatives: DerivativeUse { .hessian }
  /// The Hessian, its shifted copy and the Cholesky factor: three n×n matrices.
  public func workingScalars(dimension n: Int) -> Double {
    3 * Double(n) * Double(n) + 32 * Double(n)
  }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(solver: name, objective: objective, options: options, start: start)
    let driver = LineSearchDriver(kind: .armijo, c1: c1, c2: 0.9)
    let n = objective.dimension
    return run.run { () throws(EvaluationLimitReached) -> Status in
      guard objective.hasHessian else {
        run.stopMessage = "newton needs the objective's Hessian, which this objective lacks"
        return .failed
      }
      var x = start
      var g = [T]()
      var f = try objective.gradient(x, into: &g)
      if let status = run.record(x: x, f: f, gradient: g) { return status }
      var h = [T]()
      while true {
        try objective.hessian(x, into: &h)
        guard let (factor, shift) = Self.shiftedCholesky(h, n: n, beta: T(minimumShift)) else {
          run.stopMessage = "the Hessian is not finite, so no Newton step exists"
          return .diverged
        }
        let d = DenseLinearAlgebra.choleskySolve(factor, n: n, g).map { -$0 }
        var trials = 0
        guard
          let step = try driver.search(
            objective, x: x, f: f, gradient: g, direction: d, initialStep: 1, trials: &trials),
          let gNew = step.gradient
        else {
          run.stopMessage = "the Armijo line search found no acceptable step"
          return .lineSearchFailed
        }
        x = step.x
        f = step.f
        g = gNew
        let extras = [
          "shift": Double(shift), "alpha": Double(step.alpha), "line_search_trials": Double(trials),
        ]
        if let status = run.record(x: x, f: f, gradient: g, extras: extras) { return status }
      }
    }
  }

  /// The Cholesky factor of H + τI and τ (N&W Alg. 3.3); nil when H is not finite.
  static func shiftedCholesky<T: SolverScalar>(_ h: [T], n: Int, beta: T) -> ([T], T)? {
    guard h.allSatisfy(\.isFinite) else { return nil }
    var minDiagonal = T.infinity
    for i in 0..<n { minDiagonal = Swift.min(minDiagonal, h[i * n + i]) }
    var tau: T = minDiagonal > 0 ? 0 : -minDiagonal + beta
    for _ in 0..<200 {
      var shifted = h
      for i in 0..<n { shifted[i * n + i] += tau }
      if let factor = DenseLinearAlgebra.cholesky(shifted, n: n) { return (factor, tau) }
      tau = Swift.max(10 * tau, beta)
      if !tau.isFinite { return nil }
    }
    return nil
  }
}

extension Newton {
  static let catalogEntry = SolverCatalogEntry(name: "newton") { _ in Newton() }
}
