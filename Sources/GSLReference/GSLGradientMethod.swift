import CGSL

/// GSL's minimizers that use the gradient (`gsl_multimin_fdfminimizer_*`).
public enum GSLGradientMethod: String, Sendable, Hashable, CaseIterable {
  case steepestDescent = "gsl-steepest-descent"
  case conjugateFR = "gsl-conjugate-fr"
  case conjugatePR = "gsl-conjugate-pr"
  case vectorBFGS = "gsl-vector-bfgs"
  case vectorBFGS2 = "gsl-vector-bfgs2"

  /// The stable command-line name.
  public var name: String { rawValue }

  /// The family of our solvers that does the same: GSL's methods are grouped with them.
  public var family: String {
    switch self {
    case .steepestDescent: return "line search"
    case .conjugateFR, .conjugatePR: return "conjugate gradient"
    case .vectorBFGS, .vectorBFGS2: return "quasi-Newton"
    }
  }

  var gslType: UnsafePointer<gsl_multimin_fdfminimizer_type> {
    switch self {
    case .steepestDescent: return cgsl_fdfminimizer_steepest_descent()
    case .conjugateFR: return cgsl_fdfminimizer_conjugate_fr()
    case .conjugatePR: return cgsl_fdfminimizer_conjugate_pr()
    case .vectorBFGS: return cgsl_fdfminimizer_vector_bfgs()
    case .vectorBFGS2: return cgsl_fdfminimizer_vector_bfgs2()
    }
  }
}
