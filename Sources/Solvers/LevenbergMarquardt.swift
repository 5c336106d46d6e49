import Autodiff
import OptimizationCore

/// Levenberg–Marquardt as a trust-region method with Moré's scaling, for residual problems
/// f = s·Σrᵢ² (Moré 1978; the design of MINPACK's `lmder`, which scipy's
/// `least_squares(method="lm")` calls).
///
/// - Scaling: D = diag(dⱼ), dⱼ the largest ‖J·eⱼ‖₂ seen so far (1 for a zero column), so the
///   method is invariant to rescaling the variables.
/// - Step: p = argmin ‖J·p + r‖ subject to ‖D·p‖ ≤ Δ, by Moré's λ-iteration on QR
///   factorizations of [J; √λ·D] (`LevenbergMarquardtStep`).
/// - Radius: Δ₀ = 100·‖D·x₀‖ (100 when that is 0), cut to ‖D·p‖ on the first iteration. With
///   ρ = actual / predicted relative reduction of ‖r‖²: ρ ≤ ¼ → Δ shrinks by a factor in
///   [0.1, 0.5] (from the quadratic along p), and λ grows by its inverse; ρ ≥ ¾ (or λ = 0) →
///   Δ = 2‖D·p‖ and λ halves; the step is taken when ρ ≥ 10⁻⁴.
/// - Geodesic acceleration (setting `geodesic-acceleration = on`; Transtrum & Sethna 2012, as in
///   GSL's `lmaccel`): the step v is corrected by ½a, a = argmin ‖J·a + r_vv‖ with the same λ,
///   r_vv ≈ (2/h)·((r(x + h·v) − r(x))/h − J·v), h = 0.1 (one residual evaluation more per trial);
///   a step with 2‖D·a‖/‖D·v‖ > 0.75 is rejected like one that failed ρ.
/// - Stopping: the shared rules (‖∇f‖∞ ≤ gtol, ∇f = 2s·Jᵀr, and the others). When neither the
///   actual nor the predicted relative reduction of ‖r‖² exceeds τ = ε^(3/4), the accuracy to
///   which f is taken to be known (`PrecisionLimit`; MINPACK tests ε, and its info 6 and 7 say
///   "no further reduction is possible"), or Δ ≤ ε·‖D·x‖, the run ends `.lineSearchFailed`, and
///   the shared precision check decides whether that is a minimizer to the working precision.
///
/// Counts: a residual evaluation is an f evaluation, a Jacobian a gradient evaluation; one
/// Jacobian per accepted step, one residual per trial. extras: "trust_radius" (Δ after the
/// update), "lambda", "rho", "rejected_steps", "residual_norm".
public struct LevenbergMarquardt: Solver {
  public var geodesicAcceleration: Bool
  /// Δ₀ = factor·‖D·x₀‖ (MINPACK's `factor`, 100).
  public var radiusFactor: Double
  /// The largest 2‖D·a‖/‖D·v‖ accepted with geodesic acceleration (GSL's `avmax`, 0.75).
  public var maxAccelerationRatio: Double
  /// h of the finite-difference second directional derivative r_vv.
  public var accelerationStep: Double

  public init(
    geodesicAcceleration: Bool = false, radiusFactor: Double = 100,
    maxAccelerationRatio: Double = 0.75, accelerationStep: Double = 0.1
  ) {
    self.geodesicAcceleration = geodesicAcceleration
    self.radiusFactor = radiusFactor
    self.maxAccelerationRatio = maxAccelerationRatio
    self.accelerationStep = accelerationStep
  }

  public var name: String { "levenberg-marquardt" }
  public var family: String { "least squares" }
  public var derivatives: DerivativeUse { .jacobian }
  public var requiresResiduals: Bool { true }
  /// The factorizations of the step are (m + n)×n; m is not known here, so n² stands for it.
  public func workingScalars(dimension n: Int) -> Double {
    4 * Double(n) * Double(n) + 32 * Double(n)
  }

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
      var point = try LeastSquaresPoint.evaluate(
        objective, at: start, form: form, withJacobian: true)
      if let status = run.record(
        x: point.x, f: point.f, gradient: point.gradient,
        extras: ["residual_norm": Double(point.residualNorm)])
      {
        return status
      }
      func scaledNorm(_ d: [T], _ v: [T]) -> T { VectorNorms.euclidean(zip(d, v).map { $0 * $1 }) }
      var d = point.columnNorms.map { $0 > 0 ? $0 : 1 }
      var delta = T(radiusFactor) * scaledNorm(d, point.x)
      if delta == 0 { delta = T(radiusFactor) }
      var lambda: T = 0
      var firstIteration = true
      let epsilon = T.ulpOfOne
      // f is known to τ = ε^(3/4) relative (`PrecisionLimit`): reductions below it are rounding.
      let accuracy = PrecisionLimit<T>.accuracy
      while true {
        if !firstIteration {
          d = zip(d, point.columnNorms).map { Swift.max($0, $1) }
        }
        let fnorm = point.residualNorm
        guard fnorm > 0 else { return .gradientTolerance }
        var rejected = 0
        var tookStep = false
        while !tookStep {
          if let status = run.shouldAbandonIteration() { return status }
          let step = LevenbergMarquardtStep(
            at: point, scaling: d, radius: delta, lambda: lambda)
          lambda = step.lambda
          let v = step.p
          let vNorm = scaledNorm(d, v)
          if firstIteration { delta = Swift.min(delta, vNorm) }
          var p = v
          var accelerationRejected = false
          if geodesicAcceleration, vNorm > 0 {
            let h = T(accelerationStep)
            var rh = [T]()
            try objective.residuals(VectorMath.adding(point.x, h, v), into: &rh)
            let jv = point.jacobianTimes(v)
            let rvv = (0..<point.m).map { i in 2 / h * ((rh[i] - point.r[i]) / h - jv[i]) }
            let a = step.factorization.solve(residuals: rvv)
            let ratio = 2 * scaledNorm(d, a) / vNorm
            if ratio.isFinite, ratio <= T(maxAccelerationRatio) {
              p = VectorMath.adding(v, 1 / 2, a)
            } else {
              accelerationRejected = true
            }
          }
          let pNorm = scaledNorm(d, p)
          var trial: LeastSquaresPoint<T>?
          var fnorm1 = T.infinity
          if !accelerationRejected {
            let t = try LeastSquaresPoint.evaluate(
              objective, at: VectorMath.adding(point.x, 1, p), form: form, withJacobian: false)
            fnorm1 = t.residualNorm
            trial = t
          }
          // Relative reductions of ‖r‖²: actual, and predicted by the linear model at the
          // Levenberg–Marquardt step v (‖J·v‖² + 2λ‖D·v‖², exact for v, no cancellation).
          let actual: T = fnorm1 / 10 < fnorm ? 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm) : -1
          let t1 = VectorNorms.euclidean(point.jacobianTimes(v)) / fnorm
          let t2 = lambda.squareRoot() * vNorm / fnorm
          let predicted = t1 * t1 + 2 * t2 * t2
          let slope = -(t1 * t1 + t2 * t2)
          let rho: T = predicted != 0 ? actual / predicted : 0
          if rho <= 1 / 4 {
            var factor: T = actual >= 0 ? 1 / 2 : slope / 2 / (slope + actual / 2)
            if fnorm1 / 10 >= fnorm || !(factor >= 1 / 10) { factor = 1 / 10 }
            delta = factor * Swift.min(delta, pNorm * 10)
            lambda = lambda / factor
          } else if lambda == 0 || rho >= 3 / 4 {
            delta = 2 * pNorm
            lambda = lambda / 2
          }
          if rho >= 1 / 10_000, let accepted = trial, fnorm1.isFinite {
            point = accepted
            tookStep = true
            try objective.jacobian(point.x, into: &point.jacobian)
            firstIteration = false
            let extras = [
              "trust_radius": Double(delta), "lambda": Double(lambda), "rho": Double(rho),
              "rejected_steps": Double(rejected), "residual_norm": Double(point.residualNorm),
            ]
            if let status = run.record(
              x: point.x, f: point.f, gradient: point.gradient, extras: extras)
            {
              return status
            }
          } else {
            rejected += 1
          }
          if Swift.abs(actual) <= accuracy, predicted <= accuracy, rho / 2 <= 1 {
            run.stopMessage =
              "no further reduction is possible: the actual and predicted relative reductions of ‖r‖² are at most τ = \(accuracy)"
            return .lineSearchFailed
          }
          if delta <= epsilon * scaledNorm(d, point.x) {
            run.stopMessage = "the trust region shrank to Δ = \(delta) ≤ ε·‖D·x‖"
            return .lineSearchFailed
          }
        }
      }
    }
  }
}

extension LevenbergMarquardt {
  static let catalogEntry = SolverCatalogEntry(
    name: "levenberg-marquardt",
    settings: [
      SolverSetting(
        "geodesic-acceleration", "second-order correction of the step (Transtrum & Sethna)",
        .choice(["off", "on"]))
    ]
  ) { s in LevenbergMarquardt(geodesicAcceleration: s.choice("geodesic-acceleration") == "on") }
}
