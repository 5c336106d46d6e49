import Autodiff
import CGSL
import OptimizationCore
import Solvers

/// The bridge between `gsl_multifit_nlinear_fdf`'s callbacks and an objective's residual form,
/// boxed in GSL's `params` pointer: `f` is one residual evaluation of the objective (counted as
/// an f evaluation), `df` one Jacobian from our core (counted as a gradient evaluation). GSL's
/// own finite differences (its second directional derivative for `lmaccel`) call `f`, so they
/// are counted too.
///
/// As for the minimizers (`GSLCallbackContext`), a refused evaluation (a limit, the clock,
/// Ctrl-C) must not throw across C: the callback returns `GSL_EBADFUNC` and remembers why, and
/// the run checks after every GSL call.
final class GSLResidualCallbacks {
  typealias Evaluation = (UnsafePointer<gsl_vector>) throws(EvaluationLimitReached) -> Void

  private let residualsInto:
    (UnsafePointer<gsl_vector>, UnsafeMutablePointer<gsl_vector>)
      throws(EvaluationLimitReached) -> Void
  private let jacobianInto:
    (UnsafePointer<gsl_vector>, UnsafeMutablePointer<gsl_matrix>)
      throws(EvaluationLimitReached) -> Void
  private let shouldAbandon: () -> Status?
  private(set) var stopped: GSLCallbackContext.Stop?

  init<T: SolverScalar>(objective: Objective<T>, shouldAbandon: @escaping () -> Status?) {
    self.shouldAbandon = shouldAbandon
    let n = objective.dimension
    var x = [T]()
    var r = [T]()
    var j = [T]()
    residualsInto = { (point, out) throws(EvaluationLimitReached) in
      GSLVectorConversion.read(point, into: &x)
      try objective.residuals(x, into: &r)
      GSLVectorConversion.write(r, into: out)
    }
    jacobianInto = { (point, out) throws(EvaluationLimitReached) in
      GSLVectorConversion.read(point, into: &x)
      try objective.jacobian(x, into: &j)
      let m = out.pointee.size1
      for row in 0..<m {
        for column in 0..<n { gsl_matrix_set(out, row, column, Double(j[row * n + column])) }
      }
    }
  }

  private func mayEvaluate() -> Bool {
    guard stopped == nil else { return false }
    if let status = shouldAbandon() { stopped = .abandoned(status) }
    return stopped == nil
  }

  func residuals(at x: UnsafePointer<gsl_vector>, into f: UnsafeMutablePointer<gsl_vector>)
    -> Int32
  {
    guard mayEvaluate() else { return Int32(GSL_EBADFUNC) }
    do {
      try residualsInto(x, f)
      return Int32(GSL_SUCCESS)
    } catch {
      stopped = .evaluationLimit(error)
      return Int32(GSL_EBADFUNC)
    }
  }

  func jacobian(at x: UnsafePointer<gsl_vector>, into j: UnsafeMutablePointer<gsl_matrix>)
    -> Int32
  {
    guard mayEvaluate() else { return Int32(GSL_EBADFUNC) }
    do {
      try jacobianInto(x, j)
      return Int32(GSL_SUCCESS)
    } catch {
      stopped = .evaluationLimit(error)
      return Int32(GSL_EBADFUNC)
    }
  }

  static func from(_ params: UnsafeMutableRawPointer?) -> GSLResidualCallbacks {
    Unmanaged<GSLResidualCallbacks>.fromOpaque(params!).takeUnretainedValue()
  }

  /// GSL's description of the residuals (m of them) and their Jacobian, calling back into this
  /// object, which must outlive every use of the result. `fvv` is left to GSL's finite
  /// differences, its default.
  func function(residualCount m: Int, dimension n: Int) -> gsl_multifit_nlinear_fdf {
    var fdf = gsl_multifit_nlinear_fdf()
    fdf.n = m
    fdf.p = n
    fdf.params = Unmanaged.passUnretained(self).toOpaque()
    fdf.f = { x, params, f in GSLResidualCallbacks.from(params).residuals(at: x!, into: f!) }
    fdf.df = { x, params, j in GSLResidualCallbacks.from(params).jacobian(at: x!, into: j!) }
    fdf.fvv = nil
    return fdf
  }
}
