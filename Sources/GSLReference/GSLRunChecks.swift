import Autodiff
import CGSL
import OptimizationCore
import Solvers

/// Checks made before GSL is asked to start.
enum GSLRunPreconditions {
  /// A message if the run cannot start at all.
  static func check<T: SolverScalar>(objective: Objective<T>, start: [T]) -> String? {
    if objective.dimension < 1 { return "GSL needs at least one variable, the objective has none" }
    if start.count != objective.dimension {
      return
        "the start has \(start.count) values but the objective has \(objective.dimension) variables"
    }
    if let i = start.firstIndex(where: { !$0.isFinite }) {
      return "the start is not finite: x[\(i)] = \(start[i])"
    }
    return nil
  }

  /// A message if f or ∇f is not finite at the start: GSL accepts such a start without error
  /// but cannot minimize from it.
  static func checkStartValue<T: SolverScalar>(f: T, gradient: [T]) -> String? {
    if !f.isFinite { return "f is not finite at the start (f = \(f)); GSL cannot start there" }
    if let i = gradient.firstIndex(where: { !$0.isFinite }) {
      return "the gradient is not finite at the start (∂f/∂x[\(i)] = \(gradient[i]))"
    }
    return nil
  }
}

/// How a GSL call ends a run, if it does.
enum GSLRunEnd {
  /// After a GSL set or iterate call: the finished result if an evaluation limit, the time
  /// limit or an interruption stopped the callbacks inside the call or GSL reported an error,
  /// nil to go on.
  static func afterCall<T: SolverScalar>(
    _ code: Int32, context: GSLCallbackContext, recorder: RunRecorder<T>
  ) -> SolverResult<T>? {
    afterCall(code, stopped: context.stopped, recorder: recorder)
  }

  /// The same, for callbacks whose stop is `stopped`.
  static func afterCall<T: SolverScalar>(
    _ code: Int32, stopped: GSLCallbackContext.Stop?, recorder: RunRecorder<T>
  ) -> SolverResult<T>? {
    switch stopped {
    case .evaluationLimit(let limit):
      return recorder.finish(
        .evaluationLimit, message: "reached the limit on \(limit.which) evaluations")
    case .abandoned(let status):
      return recorder.finish(status)
    case nil:
      break
    }
    switch Int(code) {
    case GSL_SUCCESS:
      return nil
    case GSL_ENOPROG:
      return recorder.finish(
        .lineSearchFailed,
        message: "GSL: \(GSLErrors.message(code)); ‖∇f‖∞ ≤ \(recorder.options.gradientTolerance) "
          + "not reached, best point ‖∇f‖∞ = \(recorder.bestGradientNorm)")
    default:
      return recorder.finish(.failed, message: "GSL: \(GSLErrors.message(code)) (code \(code))")
    }
  }
}
