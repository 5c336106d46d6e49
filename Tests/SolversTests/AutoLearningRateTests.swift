import Autodiff
import OptimizationCore
import Problems
import Solvers
import Testing
import _TestSupport

/// `lr = auto`: the fixed-step methods' learning rate from the curvature at the start.
@Suite struct AutoLearningRateTests {
  /// f = 2x² + y² + 2x + y has ∇²f = diag(4, 2), so λmax = 4 (by hand): SGD takes 1/4, momentum
  /// and Nesterov (1 − 0.9)/4.
  @Test(arguments: [("sgd", 0.25), ("momentum", 0.025), ("nesterov", 0.025)])
  func fromTheLargestEigenvalue(solver name: String, expected: Double) throws {
    let result = try SolverCatalog.make(name).minimize(
      TestObjectives.quadratic(as: Double.self), from: [1, 1], options: .init())
    let lr = try #require(result.resolvedSettings.number("lr"))
    #expect(abs(lr - expected) <= 1e-3 * expected, "\(name): lr = \(lr)")
    #expect(result.trace.allSatisfy { $0.extras["learning_rate"] == lr })
    #expect(result.message.contains("lr = auto"))
    #expect(result.status == .gradientTolerance, "\(name): \(result.message)")
  }

  /// Himmelblau's Hessian at the start (0, 0) is diag(−42, −26) (by hand: 12x² + 4y − 42,
  /// 4x + 4y, 4x + 12y² − 26): negative definite, so the scale is |λ|max = 42, and SGD takes
  /// 1/42, using Hessian–vector products that the run counts.
  @Test func aNegativeDefiniteStartUsesTheLargestMagnitude() throws {
    let problem = try ProblemCatalog.load("himmelblau")
    let result = SGD().minimize(
      problem.makeObjective(Double.self), from: problem.start, options: .init())
    let lr = try #require(result.resolvedSettings.number("lr"))
    #expect(abs(lr - 1.0 / 42) <= 1e-3 / 42, "lr = \(lr)")
    #expect(result.counts.hessianVector > 0)
  }

  /// A number given is used as is, and nothing is resolved.
  @Test func aGivenLearningRateIsKept() throws {
    let sgd = try SolverCatalog.make("sgd", settings: ["lr": 0.1])
    let result = sgd.minimize(
      TestObjectives.quadratic(as: Double.self), from: [1, 1], options: .init())
    #expect(result.resolvedSettings.given.isEmpty)
    #expect(result.trace.first?.extras["learning_rate"] == 0.1)
    #expect(result.counts.hessianVector == 0)
  }

  @Test func autoIsASettingValueOnlyWhereTheSolverChoosesIt() throws {
    #expect(try SolverSetting.learningRateOrAuto.parse("auto") == .choice("auto"))
    #expect(
      (try SolverCatalog.make("momentum", settings: ["lr": "auto"]) as? Momentum)?
        .learningRate == nil)
    #expect(throws: SolverCatalogError.self) {
      try SolverCatalog.make("adam", settings: ["lr": "auto"])
    }
    #expect(throws: SolverCatalogError.self) {
      try SolverCatalog.make("sgd", settings: ["lr": "fast"])
    }
  }
}
