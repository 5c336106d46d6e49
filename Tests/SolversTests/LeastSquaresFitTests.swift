import Solvers
import Testing

/// The covariance of a fit by hand.
@Suite struct LeastSquaresFitTests {
  /// One parameter, J = (1, 1, 1)ᵀ, r = (1, −1, 2): JᵀJ = 3, σ̂² = (1 + 1 + 4)/(3 − 1) = 3, so the
  /// covariance is 3·(1/3) = 1 and the standard error 1; ‖r‖ = √6.
  @Test func oneParameter() throws {
    let fit = LeastSquaresFit(residuals: [1, -1, 2], jacobian: [[1], [1], [1]])
    #expect(abs(fit.residualNorm - 6.0.squareRoot()) <= 1e-15)
    #expect(fit.degreesOfFreedom == 2)
    #expect(fit.residualVariance == 3)
    let covariance = try #require(fit.covariance)
    #expect(abs(covariance[0][0] - 1) <= 1e-15)
    #expect(abs(try #require(fit.standardErrors)[0] - 1) <= 1e-15)
  }

  /// Two parameters, J = [[1, 0], [0, 2], [1, 1]]: JᵀJ = [[2, 1], [1, 5]], its inverse
  /// [[5, −1], [−1, 2]]/9; r = (1, 1, 1) gives σ̂² = 3/1 = 3, so the covariance is
  /// [[5, −1], [−1, 2]]/3.
  @Test func twoParameters() throws {
    let fit = LeastSquaresFit(residuals: [1, 1, 1], jacobian: [[1, 0], [0, 2], [1, 1]])
    let covariance = try #require(fit.covariance)
    let expected: [[Double]] = [[5.0 / 3, -1.0 / 3], [-1.0 / 3, 2.0 / 3]]
    for i in 0..<2 {
      for j in 0..<2 { #expect(abs(covariance[i][j] - expected[i][j]) <= 1e-14) }
    }
  }

  @Test func noCovarianceWithoutDegreesOfFreedomOrRank() {
    let square = LeastSquaresFit(residuals: [0.5, 0], jacobian: [[1, 0], [0, 1]])
    #expect(square.degreesOfFreedom == 0 && square.covariance == nil)
    #expect(square.residualVariance == nil && square.residualNorm == 0.5)
    let rankOne = LeastSquaresFit(residuals: [1, 2, 3], jacobian: [[1, 2], [2, 4], [3, 6]])
    #expect(rankOne.residualVariance != nil && rankOne.covariance == nil)
  }
}
