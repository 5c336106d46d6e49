import Autodiff
import OptimizationCore
import Solvers
import Testing
import _TestSupport

@Suite struct NewtonTests {
  @Test func convergesInOneIterationOnAStrictlyConvexQuadratic() {
    let result = Newton().minimize(
      TestObjectives.quadratic(as: Double.self), from: [3, -7], options: .init())
    #expect(result.status == .gradientTolerance)
    #expect(result.iterations == 1)
    #expect(abs(result.x[0] + 0.5) < 1e-12 && abs(result.x[1] + 0.5) < 1e-12)
  }

  @Test func solvesRosenbrockFromTheStandardStartInUnderThirtyIterations() {
    let result = Newton().minimize(
      TestObjectives.rosenbrock(2, as: Double.self), from: [-1.2, 1], options: .init())
    #expect(result.converged)
    #expect(result.iterations < 30)
    #expect(abs(result.x[0] - 1) < 1e-8 && abs(result.x[1] - 1) < 1e-8)
  }

  /// At (0, 0) the Goldstein–Price Hessian is [[-504, -864], [-864, 9144]] (f = 600),
  /// eigenvalues ≈ −694.2 and 9334.2 (numpy.linalg.eigvals): indefinite, so the pure Newton step
  /// may head for a saddle; the shifted Hessian must give a decrease at every step.
  @Test func decreasesFAtEveryStepFromAnIndefiniteStart() {
    let result = Newton().minimize(
      TestObjectives.goldsteinPrice(), from: [0, 0], options: .init())
    #expect(result.trace.count > 2)
    #expect((result.trace.first?.extras["shift"] ?? 0) == 0)
    #expect((result.trace.dropFirst().first?.extras["shift"] ?? 0) > 0)
    for (a, b) in zip(result.trace, result.trace.dropFirst()) {
      #expect(b.f < a.f, "f rose from \(a.f) to \(b.f) at iteration \(b.iteration)")
    }
    #expect(result.converged)
  }

  @Test func trustRegionNewtonSolvesRosenbrockAndGoldsteinPrice() {
    let rosen = NewtonTrustRegion().minimize(
      TestObjectives.rosenbrock(2, as: Double.self), from: [-1.2, 1], options: .init())
    #expect(rosen.converged)
    #expect(abs(rosen.x[0] - 1) < 1e-8 && abs(rosen.x[1] - 1) < 1e-8)
    #expect(rosen.trace.last?.extras["trust_radius"] != nil)
    #expect(rosen.trace.last?.extras["rho"] != nil)
    let gp = NewtonTrustRegion().minimize(
      TestObjectives.goldsteinPrice(), from: [0, 0], options: .init())
    #expect(gp.converged)
    for (a, b) in zip(gp.trace, gp.trace.dropFirst()) { #expect(b.f < a.f) }
  }
}
