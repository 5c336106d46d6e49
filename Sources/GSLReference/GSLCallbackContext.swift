import Autodiff
import CGSL
import OptimizationCore
import Solvers

/// The bridge between GSL's C callbacks and an `Objective`, boxed in GSL's `params` pointer. It
/// converts x from Double to the run's precision, evaluates through the objective (so every
/// evaluation is counted where ours are), and converts the results back to Double.
///
/// Counting: GSL's `f` callback is one f evaluation; `df` and `fdf` are one gradient evaluation
/// each, since the objective's gradient call yields the value as well and our own solvers count
/// it that way. So a GSL run's counts are exactly the evaluations its callbacks made.
///
/// An objective past its evaluation limit throws, and a throw must not cross C: the callback
/// returns NaN instead (and a NaN gradient) and remembers the limit, which the run checks after
/// every GSL call to end with `.evaluationLimit`. Once the limit is reached the objective is not
/// asked again. The time limit and Ctrl-C are checked the same way before every evaluation, so
/// that they also stop a run inside one long GSL call (the simplex's set-up evaluates n + 1
/// points before returning).
final class GSLCallbackContext {
  /// Why the callbacks stopped evaluating.
  enum Stop {
    case evaluationLimit(EvaluationLimitReached)
    case abandoned(Status)
  }

  typealias ValueEvaluation = (UnsafePointer<gsl_vector>) throws(EvaluationLimitReached) -> Double
  typealias GradientEvaluation = (UnsafePointer<gsl_vector>, UnsafeMutablePointer<gsl_vector>)
    throws(EvaluationLimitReached) -> Double

  private let evaluateValue: ValueEvaluation
  private let evaluateGradient: GradientEvaluation
  private let shouldAbandon: () -> Status?
  /// Set by the first evaluation that was refused.
  private(set) var stopped: Stop?

  /// `shouldAbandon` is asked before every evaluation (the run's clock and interruption check).
  init<T: SolverScalar>(objective: Objective<T>, shouldAbandon: @escaping () -> Status?) {
    self.shouldAbandon = shouldAbandon
    var x = [T]()
    var g = [T]()
    evaluateValue = { (point) throws(EvaluationLimitReached) -> Double in
      GSLVectorConversion.read(point, into: &x)
      return Double(try objective.value(x))
    }
    evaluateGradient = { (point, gradient) throws(EvaluationLimitReached) -> Double in
      GSLVectorConversion.read(point, into: &x)
      let f = try objective.gradient(x, into: &g)
      GSLVectorConversion.write(g, into: gradient)
      return Double(f)
    }
  }

  /// False, with `stopped` set, when no more evaluations may run.
  private func mayEvaluate() -> Bool {
    guard stopped == nil else { return false }
    if let status = shouldAbandon() { stopped = .abandoned(status) }
    return stopped == nil
  }

  func value(at x: UnsafePointer<gsl_vector>) -> Double {
    guard mayEvaluate() else { return .nan }
    do {
      return try evaluateValue(x)
    } catch {
      stopped = .evaluationLimit(error)
      return .nan
    }
  }

  func gradient(at x: UnsafePointer<gsl_vector>, into g: UnsafeMutablePointer<gsl_vector>)
    -> Double
  {
    if mayEvaluate() {
      do {
        return try evaluateGradient(x, g)
      } catch {
        stopped = .evaluationLimit(error)
      }
    }
    gsl_vector_set_all(g, .nan)
    return .nan
  }

  static func from(_ params: UnsafeMutableRawPointer?) -> GSLCallbackContext {
    Unmanaged<GSLCallbackContext>.fromOpaque(params!).takeUnretainedValue()
  }

  /// GSL's description of f alone, calling back into this context. The context must outlive
  /// every use of the result.
  func functionF(dimension: Int) -> gsl_multimin_function {
    var function = gsl_multimin_function()
    function.n = dimension
    function.params = Unmanaged.passUnretained(self).toOpaque()
    function.f = { x, params in GSLCallbackContext.from(params).value(at: x!) }
    return function
  }

  /// GSL's description of f with its gradient, calling back into this context. The context
  /// must outlive every use of the result.
  func functionFDF(dimension: Int) -> gsl_multimin_function_fdf {
    var function = gsl_multimin_function_fdf()
    function.n = dimension
    function.params = Unmanaged.passUnretained(self).toOpaque()
    function.f = { x, params in GSLCallbackContext.from(params).value(at: x!) }
    function.df = { x, params, g in _ = GSLCallbackContext.from(params).gradient(at: x!, into: g!) }
    function.fdf = { x, params, f, g in
      f!.pointee = GSLCallbackContext.from(params).gradient(at: x!, into: g!)
    }
    return function
  }
}
