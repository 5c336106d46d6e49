import Autodiff
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// Every method reaches the known minimizer of the easy problems.
@Suite struct ConvergenceTests {
  static let problems = [TestProblem.sphere, .matyas, .quadratic]

  @Test(arguments: SolverCatalog.namesForEveryProblem, problems)
  func reachesMinimizer(solver name: String, problem: TestProblem) throws {
    let solver = try SolverCatalog.make(name)
    var options = SolverOptions<Double>()
    // Adam's fixed step needs more than the default 1000 iterations to reach ‖∇f‖∞ ≤ 1e-8.
    options.maxIterations = 20000
    let result = solver.minimize(
      problem.objective(Double.self), from: problem.start, options: options)
    let (status, x) = (result.status, result.x)
    #expect(status.isConverged, "\(name) on \(problem.name): \(status) \(result.message)")
    let error = zip(x, problem.minimizer).map { abs($0 - $1) }.max() ?? .nan
    #expect(error <= 1e-6, "\(name) on \(problem.name): x = \(x)")
  }

  @Test func bfgsAndLBFGSReachRosenbrockMinimum() throws {
    for name in ["bfgs", "lbfgs"] {
      let result = try SolverCatalog.make(name).minimize(
        TestObjectives.rosenbrock(2, as: Double.self), from: [-1.2, 1], options: .init())
      let status = result.status
      #expect(status.isConverged, "\(name): \(status)")
      #expect(abs(result.x[0] - 1) < 1e-6 && abs(result.x[1] - 1) < 1e-6, "\(name): \(result.x)")
    }
  }

  @Test func lbfgsSolvesChainedRosenbrockInTwentyDimensions() {
    let n = 20
    let start = (0..<n).map { $0 % 2 == 0 ? -1.2 : 1.0 }
    var options = SolverOptions<Double>()
    options.maxIterations = 5000
    let result = LBFGS().minimize(TestObjectives.rosenbrock(n), from: start, options: options)
    let status = result.status
    #expect(status.isConverged, "\(status)")
    #expect(result.x.allSatisfy { abs($0 - 1) < 1e-5 }, "\(result.x)")
  }

  @Test func newtonTrustRegionWithSteihaugSolvesChainedRosenbrock() {
    let n = 12
    let start = (0..<n).map { $0 % 2 == 0 ? -1.2 : 1.0 }
    let solver = NewtonTrustRegion(subproblem: .steihaug)
    let result = solver.minimize(TestObjectives.rosenbrock(n), from: start, options: .init())
    let status = result.status
    #expect(status.isConverged, "\(status)")
    #expect(result.x.allSatisfy { abs($0 - 1) < 1e-6 }, "\(result.x)")
    #expect(result.counts.hessianVector + result.counts.hessian > 0)
  }

  @Test func nelderMeadReachesMatyasAndRosenbrockMinima() {
    var options = SolverOptions<Double>()
    options.maxIterations = 5000
    let matyas = NelderMead().minimize(TestObjectives.matyas(), from: [3, -2], options: options)
    #expect(matyas.status == .xTolerance)
    #expect(matyas.x.allSatisfy { abs($0) < 1e-6 }, "\(matyas.x)")
    let rosen = NelderMead().minimize(
      TestObjectives.rosenbrock(2), from: [-1.2, 1], options: options)
    #expect(rosen.status == .xTolerance)
    #expect(abs(rosen.x[0] - 1) < 1e-6 && abs(rosen.x[1] - 1) < 1e-6, "\(rosen.x)")
    #expect(rosen.counts.gradient == 0 && rosen.counts.hessian == 0)
  }

  @Test(arguments: ["cg-pr", "cg-fr"])
  func conjugateGradientsSolveTheQuadratic(name: String) throws {
    let result = try SolverCatalog.make(name).minimize(
      TestObjectives.quadratic(as: Double.self), from: [1, 1], options: .init())
    #expect(result.converged)
    #expect(abs(result.x[0] + 0.5) < 1e-8 && abs(result.x[1] + 0.5) < 1e-8)
    #expect(abs(result.f + 0.75) < 1e-12)
  }
}

/// The first-order methods' documented defaults converge on the easy problems within the
/// default 1000 iterations.
@Test(arguments: ["sgd", "momentum", "nesterov"], ConvergenceTests.problems)
func firstOrderDefaultsConvergeWithinDefaultIterations(name: String, problem: TestProblem) throws {
  let result = try SolverCatalog.make(name).minimize(
    problem.objective(Double.self), from: problem.start, options: .init())
  let status = result.status
  #expect(status == .gradientTolerance, "\(name) on \(problem.name)")
}
