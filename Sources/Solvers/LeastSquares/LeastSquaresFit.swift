import Autodiff
import OptimizationCore

/// What a curve-fitting user reads at the end of a least-squares fit: the residual norm and,
/// when there are more residuals than parameters, the covariance of the parameters and their
/// standard errors.
///
/// With J the m×n Jacobian of the residuals at the fit and σ̂² = ‖r‖²/(m − n) the residual
/// variance, the covariance is σ̂²·(JᵀJ)⁻¹ and the standard errors are the square roots of its
/// diagonal: what scipy's `curve_fit` returns (`absolute_sigma=False`) and what GSL's manual
/// computes from `gsl_multifit_nlinear_covar`. It depends only on the residuals, so it is the
/// same whether the loss is Σr², ½Σr² or the mean of r². (JᵀJ)⁻¹ is R⁻¹R⁻ᵀ from the QR
/// factorization of J (not by inverting JᵀJ, which squares J's condition number).
public struct LeastSquaresFit: Sendable, Equatable {
  /// ‖r‖₂ at the fit.
  public var residualNorm: Double
  /// m, the number of residuals.
  public var residualCount: Int
  /// m − n.
  public var degreesOfFreedom: Int
  /// σ̂² = ‖r‖²/(m − n); nil when m ≤ n.
  public var residualVariance: Double?
  /// σ̂²·(JᵀJ)⁻¹, n×n; nil when m ≤ n or J is rank-deficient (the parameters are then not
  /// determined by the data).
  public var covariance: [[Double]]?
  /// √ of the covariance's diagonal.
  public var standardErrors: [Double]? {
    covariance.map { c in c.indices.map { c[$0][$0].squareRoot() } }
  }

  /// The fit for residuals r (m values) and their Jacobian, given by rows (m rows of n).
  public init(residuals r: [Double], jacobian: [[Double]]) {
    let m = r.count
    let n = jacobian.first?.count ?? 0
    residualNorm = VectorNorms.euclidean(r)
    residualCount = m
    degreesOfFreedom = m - n
    guard m > n, n > 0 else { return }
    let variance = VectorMath.dot(r, r) / Double(m - n)
    residualVariance = variance
    let qr = DampedQR(jacobian: jacobian.flatMap { $0 }, m: m, n: n, scaledDiagonal: nil)
    guard qr.isFullRank else { return }
    // Column j of R⁻ᵀ is R⁻ᵀeⱼ; (JᵀJ)⁻¹ = R⁻¹R⁻ᵀ = (R⁻ᵀ)ᵀ(R⁻ᵀ).
    let columns = (0..<n).map { j -> [Double] in
      var e = [Double](repeating: 0, count: n)
      e[j] = 1
      return qr.solveRTranspose(e)
    }
    covariance = (0..<n).map { i in
      (0..<n).map { j in variance * VectorMath.dot(columns[i], columns[j]) }
    }
  }
}
