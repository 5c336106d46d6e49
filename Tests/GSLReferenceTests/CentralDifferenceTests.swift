import GSLReference
import Testing
import _TestSupport

/// gsl_deriv_central agrees with hand-derived gradients, so it can check the core's.
@Suite struct CentralDifferenceTests {
  static let goldsteinPoints: [[Double]] = [
    [0, -1], [-0.5, 0.25], [1, 1], [0.3, -0.7], [-1.5, 1.8],
  ]

  @Test(arguments: goldsteinPoints)
  func goldsteinAgreesWithHandGradient(point: [Double]) {
    let function = TestFunctions.goldstein
    let estimate = centralGradient(function.value, at: point)
    let exact = function.gradient(point)
    for i in 0..<2 {
      // f is of order 1e2…1e5 here; a relative 1e-7 of the gradient's scale (or of f's, at the
      // stationary point) is what a 5-point rule in double precision delivers.
      let scale = max(abs(exact[i]), abs(function.value(point)), 1)
      #expect(abs(estimate.gradient[i] - exact[i]) <= 1e-7 * scale, "\(estimate) vs \(exact)")
      #expect(estimate.absoluteErrors[i] <= 1e-6 * scale)
    }
  }

  @Test(arguments: [[-1.2, 1.0], [0.5, 0.5], [2, -1]])
  func rosenbrockAgreesWithHandGradient(point: [Double]) {
    let function = TestFunctions.rosenbrock
    let estimate = centralGradient(function.value, at: point)
    let exact = function.gradient(point)
    for i in 0..<2 {
      #expect(abs(estimate.gradient[i] - exact[i]) <= 1e-7 * max(abs(exact[i]), 1))
    }
  }

  /// log(x) + y² is NaN on the whole line through (−1, 0.5) along either axis.
  @Test func nonFiniteValueGivesNonFiniteEstimate() {
    let estimate = centralGradient(TestFunctions.logarithm.value, at: [-1, 0.5])
    #expect(estimate.gradient.allSatisfy { !$0.isFinite })
  }
}
