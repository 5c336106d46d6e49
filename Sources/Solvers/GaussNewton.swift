import Autodiff
import OptimizationCore

/// Gauss–Newton with a backtracking line search, for residual problems f = s·Σrᵢ²
/// (Nocedal & Wright §10.3).
///
/// Direction: the linear least-squares step p = argmin ‖J·p + r‖ by Householder QR of J (not the
/// normal equations, which square J's condition number). Where J is rank-deficient in the
/// working precision the step is regularized, min ‖J·p + r‖² + λ‖p‖² with λ = √ε·max‖J·eⱼ‖²,
/// which keeps it a descent direction. Line search: Armijo backtracking on f along p (c₁ = 1e-4,
/// unit step first, safeguarded quadratic interpolation in [0.1α, 0.5α]), each trial one residual
/// evaluation; the accepted point then costs one Jacobian.
/// Counts: a residual evaluation is an f evaluation, a Jacobian a gradient evaluation.
/// extras: "alpha" (the step taken), "residual_norm" (‖r‖₂).
public struct GaussNewton: Solver {
  public var c1: Double
  public var maxTrials: Int

  public init(c1: Double = 1e-4, maxTrials: Int = 60) {
    self.c1 = c1
    self.maxTrials = maxTrials
  }

  public var name: String { "gauss-newton" }
  public var family: String { "least squares" }
  public var derivatives: DerivativeUse { .jacobian }
  public var requiresResiduals: Bool { true }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(solver: name, objective: objective, options: options, start: start)
    return run.run { () throws(EvaluationLimitReached) -> Status in
      guard let form = objective.residualForm else {
        run.stopMessage = LeastSquaresRefusal.message(name)
        return .failed
      }
      let n = objective.dimension
      var point = try LeastSquaresPoint.evaluate(
        objective, at: start, form: form, withJacobian: true)
      var g = point.gradient
      var extras = ["residual_norm": Double(point.residualNorm)]
      if let status = run.record(x: point.x, f: point.f, gradient: g, extras: extras) {
        return status
      }
      while true {
        if let status = run.shouldAbandonIteration() { return status }
        var qr = DampedQR(jacobian: point.jacobian, m: point.m, n: n, scaledDiagonal: nil)
        if !qr.isFullRank {
          let largest = point.columnNorms.max() ?? 0
          let lambda = T.ulpOfOne.squareRoot() * Swift.max(largest * largest, T.ulpOfOne)
          qr = DampedQR(
            jacobian: point.jacobian, m: point.m, n: n,
            scaledDiagonal: [T](repeating: lambda.squareRoot(), count: n))
        }
        let p = qr.solve(residuals: point.r)
        let slope = VectorMath.dot(g, p)
        let f = point.f
        guard slope < 0, p.allSatisfy(\.isFinite) else {
          run.stopMessage = "the Gauss–Newton step is not a descent direction (∇fᵀp = \(slope))"
          return .lineSearchFailed
        }
        var alpha: T = 1
        var accepted: LeastSquaresPoint<T>?
        for _ in 0..<Swift.max(maxTrials, 1) {
          let xt = VectorMath.adding(point.x, alpha, p)
          if xt == point.x { break }
          let trial = try LeastSquaresPoint.evaluate(
            objective, at: xt, form: form, withJacobian: false)
          let ft = trial.f
          if ft.isFinite, ft <= f + T(c1) * alpha * slope {
            accepted = trial
            break
          }
          var next = alpha / 2
          if ft.isFinite {
            // Minimizer of the quadratic through f(0), f'(0) and f(α).
            let curvature = 2 * (ft - f - slope * alpha)
            if curvature > 0 {
              next = Swift.min(Swift.max(-slope * alpha * alpha / curvature, alpha / 10), alpha / 2)
            }
          }
          alpha = next
        }
        guard var next = accepted else {
          run.stopMessage = "backtracking along the Gauss–Newton step found no sufficient decrease"
          return .lineSearchFailed
        }
        try objective.jacobian(next.x, into: &next.jacobian)
        point = next
        g = point.gradient
        extras = ["alpha": Double(alpha), "residual_norm": Double(point.residualNorm)]
        if let status = run.record(x: point.x, f: point.f, gradient: g, extras: extras) {
          return status
        }
      }
    }
  }
}

/// Why a least-squares method does not run on an objective without residuals.
enum LeastSquaresRefusal {
  static func message(_ solver: String) -> String {
    "\(solver) applies to residual problems only (f = Σ rᵢ² with the residuals' Jacobian); "
      + "this objective has no residuals"
  }
}

extension GaussNewton {
  static let catalogEntry = SolverCatalogEntry(name: "gauss-newton") { _ in GaussNewton() }
}
