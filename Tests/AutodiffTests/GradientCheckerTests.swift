import Autodiff
import Testing

/// The public derivative checker.
@Suite struct GradientCheckerTests {
  @Test func passesForCorrectDerivatives() {
    let rosenbrock: (Variable<Double>) -> Variable<Double> = { x in
      100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2)
    }
    let report = GradientChecker.check(rosenbrock, at: [-1.2, 1])
    #expect(report.passed, "\(report)")
    #expect(report.worstGradient != nil)
    #expect(report.worstHessian != nil)
    #expect(report.description.contains("passed"))
  }

  @Test func failsAndNamesTheWorstComponentOfAWrongDerivative() {
    // f = x₀² + 3|x₁ − 1| just right of its kink: the analytic slope in x₁ is 3, but the
    // central difference straddles the kink, (3(δ + h) − 3(h − δ))/2h = 3δ/h, nearly 0.
    let report = GradientChecker.check(
      { x in x[0] * x[0] + 3 * abs(x[1] - 1) }, at: [0.5, 1 + 1e-7], checkHessian: false)
    #expect(!report.passed)
    let worst = report.worstGradient!
    #expect(worst.index == [1])
    #expect(worst.analytic == 3)
    #expect(Swift.abs(worst.numeric) < 1)
    #expect(worst.error > worst.allowed)
    #expect(report.description.contains("FAILED"))
    #expect(report.description.contains("[1]"))
  }

  @Test func checksTheHessian() {
    let report = GradientChecker.check(
      { x in exp(x[0] * x[1]) + sin(x[0]) * x[2] }, at: [0.3, -0.8, 2])
    #expect(report.passed, "\(report)")
    #expect(report.worstHessian!.index.count == 2)
  }

  @Test func nanFails() {
    // log of a negative number: NaN value and difference.
    let report = GradientChecker.check({ x in log(x[0]) }, at: [-1], checkHessian: false)
    #expect(!report.passed)
  }

  @Test func worksInFloat() {
    let report = GradientChecker.check(
      { (x: Variable<Float>) in x[0] * x[0] * x[1] + tanh(x[1]) }, at: [1.5, -0.5])
    #expect(report.passed, "\(report)")
  }
}
