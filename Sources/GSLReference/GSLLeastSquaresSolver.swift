import Autodiff
import CGSL
import OptimizationCore
import Solvers

/// One of GSL's nonlinear least-squares methods (`gsl_multifit_nlinear_trust` with the
/// subproblem `method`) behind our `Solver`, for residual problems f = s·Σrᵢ².
///
/// Parameters: `gsl_multifit_nlinear_default_parameters()` (Moré scaling, QR solver, forward
/// differences for `lmaccel`'s second directional derivative, h = 0.02, avmax = 0.75, factors
/// up 3 and down 2) with only the subproblem method set, GSL's own defaults. The residuals and
/// the Jacobian come from our core through `f` and `df` (GSLResidualCallbacks), counted as f
/// and gradient evaluations as they happen.
///
/// Stopping, as for GSL's minimizers: after `gsl_multifit_nlinear_init` and every
/// `gsl_multifit_nlinear_iterate` (one accepted step), the position, f = s·‖r‖² and
/// ∇f = 2s·Jᵀr (from GSL's own r and J there) go to a `RunRecorder`, which applies our criteria.
/// `gsl_multifit_nlinear_test` is not used, so the same tolerances mean the same thing for
/// every solver. `GSL_ENOPROG` (no acceptable step in 15 tries) ends `.lineSearchFailed`, for
/// the shared precision check to judge; other codes are `.failed` with GSL's message.
public struct GSLLeastSquaresSolver: Solver {
  public let method: GSLLeastSquaresMethod

  public init(_ method: GSLLeastSquaresMethod) { self.method = method }

  public var name: String { method.name }
  public var family: String { "least squares" }
  public var derivatives: DerivativeUse { .jacobian }
  public var requiresResiduals: Bool { true }

  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    GSLErrors.disableAbortingHandler()
    let recorder = RunRecorder(solver: name, objective: objective, options: options, start: start)
    if let problem = GSLRunPreconditions.check(objective: objective, start: start) {
      return recorder.finish(.failed, message: problem)
    }
    guard let form = objective.residualForm else {
      return recorder.finish(
        .failed,
        message: "\(name) applies to residual problems only; this objective has no residuals")
    }
    let n = objective.dimension
    let m = form.count
    guard let x0 = GSLVectorConversion.make(start) else {
      return recorder.finish(.failed, message: "GSL could not allocate a vector of length \(n)")
    }
    defer { gsl_vector_free(x0) }
    var parameters = gsl_multifit_nlinear_default_parameters()
    parameters.trs = method.trs
    guard
      let workspace = gsl_multifit_nlinear_alloc(cgsl_multifit_nlinear_trust(), &parameters, m, n)
    else {
      return recorder.finish(
        .failed, message: "GSL could not allocate \(name) for m = \(m), n = \(n)")
    }
    defer { gsl_multifit_nlinear_free(workspace) }

    let callbacks = GSLResidualCallbacks(
      objective: objective, shouldAbandon: { recorder.shouldAbandonIteration() })
    let fdf = UnsafeMutablePointer<gsl_multifit_nlinear_fdf>.allocate(capacity: 1)
    fdf.initialize(to: callbacks.function(residualCount: m, dimension: n))
    defer { fdf.deallocate() }

    return withExtendedLifetime(callbacks) {
      let initCode = gsl_multifit_nlinear_init(x0, fdf, workspace)
      if let end = GSLRunEnd.afterCall(initCode, stopped: callbacks.stopped, recorder: recorder) {
        return end
      }
      var x = [T]()
      var r = [T]()
      var stop = record(
        workspace, scale: form.scale, recorder: recorder, x: &x, r: &r, isStart: true)
      while stop == nil {
        let code = gsl_multifit_nlinear_iterate(workspace)
        if let end = GSLRunEnd.afterCall(code, stopped: callbacks.stopped, recorder: recorder) {
          return end
        }
        stop = record(
          workspace, scale: form.scale, recorder: recorder, x: &x, r: &r, isStart: false)
      }
      return stop!
    }
  }

  /// Hands GSL's current position to the recorder; the finished result if the run must stop.
  private func record<T: SolverScalar>(
    _ workspace: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>, scale: T,
    recorder: RunRecorder<T>, x: inout [T], r: inout [T], isStart: Bool
  ) -> SolverResult<T>? {
    GSLVectorConversion.read(gsl_multifit_nlinear_position(workspace), into: &x)
    GSLVectorConversion.read(gsl_multifit_nlinear_residual(workspace), into: &r)
    let jacobian = gsl_multifit_nlinear_jac(workspace)!
    let n = x.count
    var g = [T](repeating: 0, count: n)
    var sum: T = 0
    for i in 0..<r.count {
      sum += r[i] * r[i]
      for j in 0..<n { g[j] += 2 * scale * T(gsl_matrix_get(jacobian, i, j)) * r[i] }
    }
    let f = scale * sum
    if isStart, let problem = GSLRunPreconditions.checkStartValue(f: f, gradient: g) {
      return recorder.finish(.failed, message: problem)
    }
    let extras = ["residual_norm": Double(VectorNorms.euclidean(r))]
    guard let status = recorder.record(x: x, f: f, gradient: g, extras: extras) else {
      return nil
    }
    return recorder.finish(status)
  }
}
