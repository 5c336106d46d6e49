import Autodiff
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// Runs end to end in Float; tolerances are set for Float's resolution (ε ≈ 1.2e-7).
@Suite struct FloatTests {
  @Test(arguments: ["bfgs", "lbfgs", "newton", "sgd", "nelder-mead", "cg-pr"])
  func sphereAndQuadratic(name: String) throws {
    let solver = try SolverCatalog.make(name)
    var options = SolverOptions<Float>()
    options.gradientTolerance = 1e-5
    options.maxIterations = 5000
    let sphere = solver.minimize(
      TestObjectives.sphere(2, as: Float.self), from: [1.5, -2], options: options)
    #expect(sphere.converged, "\(sphere.status)")
    #expect(sphere.x.allSatisfy { abs($0) < 1e-4 })
    let quad = solver.minimize(
      TestObjectives.quadratic(as: Float.self), from: [1, 1], options: options)
    #expect(quad.converged, "\(quad.status)")
    #expect(abs(quad.x[0] + 0.5) < 1e-3 && abs(quad.x[1] + 0.5) < 1e-3)
  }

  @Test func bfgsOnRosenbrock() {
    var options = SolverOptions<Float>()
    options.gradientTolerance = 1e-3
    let result = BFGS().minimize(
      TestObjectives.rosenbrock(2, as: Float.self), from: [-1.2, 1], options: options)
    #expect(result.converged, "\(result.status)")
    #expect(abs(result.x[0] - 1) < 1e-2 && abs(result.x[1] - 1) < 1e-2)
  }

  /// The default gradient tolerance 1e-8 lies below what Float can resolve on rosenbrock: the
  /// run must still end with a clear status before the iteration limit, near the minimizer.
  @Test(arguments: ["bfgs", "lbfgs", "cg-pr", "newton", "newton-trust-region", "nelder-mead"])
  func tooTightToleranceEndsCleanly(name: String) throws {
    var options = SolverOptions<Float>()
    options.maxIterations = 100_000
    let result = try SolverCatalog.make(name).minimize(
      TestObjectives.rosenbrock(2, as: Float.self), from: [-1.2, 1], options: options)
    let status = result.status
    #expect(status != .iterationLimit, "\(name)")
    #expect(abs(result.x[0] - 1) < 5e-2, "\(name): \(result.x)")
  }
}
