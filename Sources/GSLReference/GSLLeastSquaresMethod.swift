import CGSL

/// GSL's trust-region subproblem methods for nonlinear least squares
/// (`gsl_multifit_nlinear_trust` with `gsl_multifit_nlinear_trs_*`).
public enum GSLLeastSquaresMethod: String, Sendable, Hashable, CaseIterable {
  case levenbergMarquardt = "gsl-lm"
  case levenbergMarquardtAccelerated = "gsl-lmaccel"
  case dogleg = "gsl-dogleg"
  case doubleDogleg = "gsl-ddogleg"
  case subspace2D = "gsl-subspace2d"

  /// The stable command-line name.
  public var name: String { rawValue }

  var trs: UnsafePointer<gsl_multifit_nlinear_trs> {
    switch self {
    case .levenbergMarquardt: return cgsl_multifit_nlinear_trs_lm()
    case .levenbergMarquardtAccelerated: return cgsl_multifit_nlinear_trs_lmaccel()
    case .dogleg: return cgsl_multifit_nlinear_trs_dogleg()
    case .doubleDogleg: return cgsl_multifit_nlinear_trs_ddogleg()
    case .subspace2D: return cgsl_multifit_nlinear_trs_subspace2D()
    }
  }
}
