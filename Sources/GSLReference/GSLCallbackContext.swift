import CGSL
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
/// asked again.
final class GSLCallbackContext {
  typealias ValueEvaluation = (UnsafePointer<gsl_vector>) throws(EvaluationLimitReached) -> Double
  typealias GradientEvaluation = (UnsafePointer<gsl_vector>, UnsafeMutablePointer<gsl_vector>)
    throws(EvaluationLimitReached) -> Double

  private let evaluateValue: ValueEvaluation
  private let evaluateGradient: GradientEvaluation
  /// The limit an evaluation ran into, if any.
  private(set) var limitReached: EvaluationLimitReached?

  init<T: SolverScalar>(objective: Objective<T>) {
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

  func value(at x: UnsafePointer<gsl_vector>) -> Double {
    guard limitReached == nil else { return .nan }
    do {
      return try evaluateValue(x)
    } catch {
      limitReached = error
      return .nan
    }
  }

  func gradient(at x: UnsafePointer<gsl_vector>, into g: UnsafeMutablePointer<gsl_vector>)
    -> Double
  {
    if limitReached == nil {
      do {
        return try evaluateGradient(x, g)
      } catch {
        limitReached = error
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
