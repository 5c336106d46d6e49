import Autodiff
import CGSL
import OptimizationCore
import Solvers

/// GSL's Nelder–Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`) behind our `Solver`; it uses
/// values of f only.
///
/// Stopping: the per-iteration f and x tests of `SolverOptions` do not fit a simplex, whose best
/// vertex often stays put for several iterations while the simplex shrinks, so they would stop it
/// at once. Instead `gsl_multimin_test_size` tests GSL's simplex size (the RMS distance of the
/// vertices from their centre) against xTolerance · (1 + ‖x‖∞), relative like our x test, with
/// `GSLSettings.simplexSizeTolerance` in place of xTolerance when that is 0 (off); this ends the
/// run with `.xTolerance`. fTolerance is not used. The iteration, time and evaluation limits and
/// the callback apply as for every solver. The trace's gradient norm is NaN (never evaluated);
/// each record after the start carries the simplex size as the extra "simplex_size".
///
/// Counting: GSL reports f at the start only after its first iterate, so the run evaluates f(x₀)
/// once itself, through the same counted callback; its counts are one f evaluation more than
/// GSL's own calls.
public struct GSLSimplexMinimizer: Solver {
  public let settings: GSLSettings

  public init(settings: GSLSettings = GSLSettings()) {
    self.settings = settings
  }

  public var name: String { "gsl-nmsimplex2" }
  public var family: String { "direct search" }
  public var derivatives: DerivativeUse { .none }
  /// GSL's simplex: n + 1 vertices of n coordinates, and its work vectors.
  public func workingScalars(dimension n: Int) -> Double {
    2 * Double(n + 1) * Double(n) + 32 * Double(n)
  }

  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    GSLErrors.disableAbortingHandler()
    var recorderOptions = options
    recorderOptions.fTolerance = 0
    recorderOptions.xTolerance = 0
    let recorder = RunRecorder(
      solver: name, objective: objective, options: recorderOptions, start: start)
    if let problem = GSLRunPreconditions.check(objective: objective, start: start) {
      return recorder.finish(.failed, message: problem)
    }
    let n = objective.dimension
    let sizeTolerance =
      options.xTolerance > 0 ? Double(options.xTolerance) : settings.simplexSizeTolerance
    let steps = settings.simplexSteps(around: start.map { Double($0) })
    guard let x0 = GSLVectorConversion.make(start), let step = GSLVectorConversion.make(steps)
    else {
      return recorder.finish(.failed, message: "GSL could not allocate a vector of length \(n)")
    }
    defer {
      gsl_vector_free(x0)
      gsl_vector_free(step)
    }
    guard let state = gsl_multimin_fminimizer_alloc(cgsl_fminimizer_nmsimplex2(), n) else {
      return recorder.finish(.failed, message: "GSL could not allocate \(name) for n = \(n)")
    }
    defer { gsl_multimin_fminimizer_free(state) }

    let context = GSLCallbackContext(
      objective: objective, shouldAbandon: { recorder.shouldAbandonIteration() })
    let function = UnsafeMutablePointer<gsl_multimin_function>.allocate(capacity: 1)
    function.initialize(to: context.functionF(dimension: n))
    defer { function.deallocate() }

    return withExtendedLifetime(context) {
      // GSL's fminimizer does not expose f(x₀) until its first iterate, so the start is
      // evaluated once more here, through the same counted callback, to record iteration 0.
      let f0 = T(context.value(at: UnsafePointer(x0)))
      if let end = GSLRunEnd.afterCall(Int32(GSL_SUCCESS), context: context, recorder: recorder) {
        return end
      }
      if let problem = GSLRunPreconditions.checkStartValue(f: f0, gradient: []) {
        return recorder.finish(.failed, message: problem)
      }
      if let status = recorder.record(x: start, f: f0) { return recorder.finish(status) }
      let setCode = gsl_multimin_fminimizer_set(state, function, x0, step)
      if let end = GSLRunEnd.afterCall(setCode, context: context, recorder: recorder) {
        return end
      }
      var x = [T]()
      while true {
        let code = gsl_multimin_fminimizer_iterate(state)
        if let end = GSLRunEnd.afterCall(code, context: context, recorder: recorder) {
          return end
        }
        GSLVectorConversion.read(gsl_multimin_fminimizer_x(state), into: &x)
        let f = T(gsl_multimin_fminimizer_minimum(state))
        let size = gsl_multimin_fminimizer_size(state)
        if let status = recorder.record(x: x, f: f, extras: ["simplex_size": size]) {
          return recorder.finish(status)
        }
        let scale = 1 + Double(VectorNorms.maximum(x))
        if gsl_multimin_test_size(size, sizeTolerance * scale) == GSL_SUCCESS {
          // A simplex that shrank without its best vertex ever leaving the start has not
          // converged: its edges were lost in rounding, or f is flat at the start's scale.
          if x == start {
            return recorder.finish(
              .failed,
              message:
                "the simplex shrank to size \(size) without moving from the start (its edges may vanish in the start's rounding)"
            )
          }
          return recorder.finish(
            .xTolerance,
            message: "simplex size \(size) ≤ \(sizeTolerance) · (1 + ‖x‖∞) (gsl_multimin_test_size)"
          )
        }
      }
    }
  }
}
