import Autodiff
import CGSL
import OptimizationCore
import Solvers

/// One of GSL's gradient minimizers (`gsl_multimin_fdfminimizer_*`) behind our `Solver`.
///
/// Counting: GSL's `f` callback counts one f evaluation; `df` and `fdf` count one gradient
/// evaluation each (the objective's gradient call yields f too, as for our solvers), so the
/// result's counts are exactly the evaluations GSL's callbacks made.
///
/// GSL computes in Double; x and ∇f cross the callback boundary as T → Double → T, and the trace
/// is recorded in T by a `RunRecorder`, exactly as our own solvers record theirs.
///
/// Stopping: after `gsl_multimin_fdfminimizer_set` and after every
/// `gsl_multimin_fdfminimizer_iterate`, the iterate and GSL's gradient there go to the recorder,
/// which applies our criteria (‖∇f‖∞ ≤ gradientTolerance, the f and x tests, iteration, time and
/// evaluation limits, the callback). `gsl_multimin_test_gradient` is deliberately not used: it
/// tests ‖∇f‖₂ < tolerance, a stricter test than ours by up to √n, so the same tolerance would
/// make GSL work harder than our solvers for the same "converged".
///
/// GSL return codes: `GSL_ENOPROG` ("iteration is not making progress towards solution") ends
/// the run with `.lineSearchFailed`, not a convergence status, since our gradient test has not
/// passed there (near a minimum it usually means GSL got as close as its line search can; the
/// result's gradient norm tells how close). Any other non-zero code is `.failed` with
/// `gsl_strerror`'s text.
public struct GSLGradientMinimizer: Solver {
  public let method: GSLGradientMethod
  public let settings: GSLSettings

  public init(_ method: GSLGradientMethod, settings: GSLSettings = GSLSettings()) {
    self.method = method
    self.settings = settings
  }

  public var name: String { method.name }
  public var family: String { method.family }
  public var derivatives: DerivativeUse { .gradient }

  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    GSLErrors.disableAbortingHandler()
    let recorder = RunRecorder(solver: name, objective: objective, options: options, start: start)
    if let problem = GSLRunPreconditions.check(objective: objective, start: start) {
      return recorder.finish(.failed, message: problem)
    }
    let n = objective.dimension
    guard let x0 = GSLVectorConversion.make(start) else {
      return recorder.finish(.failed, message: "GSL could not allocate a vector of length \(n)")
    }
    defer { gsl_vector_free(x0) }
    guard let state = gsl_multimin_fdfminimizer_alloc(method.gslType, n) else {
      return recorder.finish(.failed, message: "GSL could not allocate \(name) for n = \(n)")
    }
    defer { gsl_multimin_fdfminimizer_free(state) }

    let context = GSLCallbackContext(
      objective: objective, shouldAbandon: { recorder.shouldAbandonIteration() })
    let function = UnsafeMutablePointer<gsl_multimin_function_fdf>.allocate(capacity: 1)
    function.initialize(to: context.functionFDF(dimension: n))
    defer { function.deallocate() }

    return withExtendedLifetime(context) {
      let setCode = gsl_multimin_fdfminimizer_set(
        state, function, x0, settings.firstStep, settings.lineTolerance(for: method))
      if let end = GSLRunEnd.afterCall(setCode, context: context, recorder: recorder) {
        return end
      }
      var x = [T]()
      var g = [T]()
      var stop = recordIterate(state, recorder: recorder, x: &x, g: &g, isStart: true)
      while stop == nil {
        let code = gsl_multimin_fdfminimizer_iterate(state)
        if let end = GSLRunEnd.afterCall(code, context: context, recorder: recorder) {
          return end
        }
        stop = recordIterate(state, recorder: recorder, x: &x, g: &g, isStart: false)
      }
      return stop!
    }
  }

  /// Hands GSL's current iterate to the recorder; the finished result if the run must stop.
  private func recordIterate<T: SolverScalar>(
    _ state: UnsafeMutablePointer<gsl_multimin_fdfminimizer>, recorder: RunRecorder<T>,
    x: inout [T], g: inout [T], isStart: Bool
  ) -> SolverResult<T>? {
    GSLVectorConversion.read(gsl_multimin_fdfminimizer_x(state), into: &x)
    GSLVectorConversion.read(gsl_multimin_fdfminimizer_gradient(state), into: &g)
    let f = T(gsl_multimin_fdfminimizer_minimum(state))
    if isStart, let problem = GSLRunPreconditions.checkStartValue(f: f, gradient: g) {
      return recorder.finish(.failed, message: problem)
    }
    guard let status = recorder.record(x: x, f: f, gradient: g) else { return nil }
    return recorder.finish(status)
  }
}
