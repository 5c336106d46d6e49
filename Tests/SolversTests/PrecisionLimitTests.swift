import Autodiff
import Foundation
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// The precision-limit rule: a run that finds no acceptable step is converged exactly when its
/// best point is a minimizer to the working precision.
@Suite struct PrecisionLimitTests {
  /// f = 3 + 500x² (f″ = 1000), with its exact Hessian.
  static func bowl() -> Objective<Double> {
    Objective<Double>(
      dimension: 1, value: { x in 3 + 500 * x[0] * x[0] },
      gradient: { x, g in
        g[0] = 1000 * x[0]
        return 3 + 500 * x[0] * x[0]
      },
      hessian: { _, h in h[0] = 1000 })
  }

  /// By hand at x = 10⁻⁹: g = 10⁻⁶, c = 1000, δ = g²/2c = 5·10⁻¹⁶ ≤ η = ε^(3/4)·(1 + 3) ≈ 7.3·10⁻¹² and
  /// s = g/c = 10⁻⁹ ≤ ε^(3/8)·(1 + 10⁻⁹) ≈ 1.4·10⁻⁶.
  @Test func aPointWithinRoundingOfTheMinimizerIsAtTheLimit() throws {
    let check = try #require(PrecisionLimit(objective: Self.bowl(), x: [1e-9]))
    #expect(abs(check.curvature - 1000) < 1e-9)
    #expect(abs(check.predictedDecrease - 5e-16) < 1e-25)
    #expect(abs(check.roundingLevel - 4 * pow(Double.ulpOfOne, 0.75)) < 1e-25)
    #expect(check.isReached)
  }

  /// At x = 10⁻⁶: δ = (10⁻³)²/2000 = 5·10⁻¹⁰, far above the rounding of f = 3.
  @Test func aPointWhereFCanStillDecreaseIsNot() throws {
    let check = try #require(PrecisionLimit(objective: Self.bowl(), x: [1e-6]))
    #expect(abs(check.predictedDecrease - 5e-10) < 1e-19)
    #expect(!check.isReached)
  }

  /// Steepest descent on Goldstein–Price from (−0.5, 0.25) finds no acceptable step at the global
  /// minimizer (f* = 3 at (0, −1), the closed form) with ‖∇f‖∞ above the default 1e-8.
  @Test func goldsteinPriceEndsAtThePrecisionLimit() {
    let result = SteepestDescent().minimize(
      TestObjectives.goldsteinPrice(), from: [-0.5, 0.25], options: .init())
    #expect(result.status == .precisionLimit, "\(result.message)")
    #expect(result.converged)
    #expect(abs(result.f - 3) <= 1e-10)
    #expect(abs(result.x[0]) < 1e-6 && abs(result.x[1] + 1) < 1e-6)
  }

  /// f = 10²⁰ + (x − 1)² is the constant 10²⁰ in Double for |x − 1| < 10²: no step changes it,
  /// but x = 0 is a distance 1 from the stationary point, which the rule must not call a
  /// minimizer. (A line search walks along it, since f never rises; SGD with a tiny step stops
  /// at its iteration limit there, which the rule checks too.)
  @Test func aFlatFFarFromTheStationaryPointIsNotConverged() throws {
    let flat = Objective<Double>(
      dimension: 1, value: { x in 1e20 + (x[0] - 1) * (x[0] - 1) },
      gradient: { x, g in
        g[0] = 2 * (x[0] - 1)
        return 1e20 + (x[0] - 1) * (x[0] - 1)
      },
      hessian: { _, h in h[0] = 2 })
    // By hand at x = 0: g = −2, c = 2, δ = 1 ≤ η = ε^(3/4)·(1 + 10²⁰) ≈ 1.8·10⁸, but s = 1.
    let check = try #require(PrecisionLimit(objective: flat, x: [0]))
    #expect(check.predictedDecrease == 1 && check.distance == 1)
    #expect(!check.isReached)
    var options = SolverOptions<Double>()
    options.maxIterations = 3
    let result = SGD(learningRate: 1e-3).minimize(flat, from: [0], options: options)
    #expect(result.status == .iterationLimit, "\(result.message)")
    #expect(!result.converged)
  }

  /// A gradient whose y-component has the wrong sign: on f = x² + y² from (1, 1) every step along
  /// the reported direction goes uphill, and the run ends without a step of any size, far from
  /// the minimizer.
  @Test func aBrokenGradientIsNotConverged() {
    let broken = Objective<Double>(
      dimension: 2, value: { x in x[0] * x[0] + x[1] * x[1] },
      gradient: { x, g in
        g[0] = 2 * x[0]
        g[1] = -2 * x[1]
        return x[0] * x[0] + x[1] * x[1]
      })
    let result = SteepestDescent().minimize(broken, from: [1, 1], options: .init())
    #expect(result.status == .lineSearchFailed || result.status == .iterationLimit)
    #expect(!result.converged, "\(result.status): \(result.message)")
    #expect(abs(result.x[1]) > 0.5)
  }
}
