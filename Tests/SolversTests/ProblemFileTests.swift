import Autodiff
import OptimizationCore
import Problems
import Solvers
import Testing

/// Every solver on the shipped problem files, through the loader's objectives.
@Suite struct ProblemFileTests {
  @Test(arguments: SolverCatalog.namesForEveryProblem, ["sphere", "matyas", "quadratic"])
  func reachesTheFilesMinimum(solver name: String, problem file: String) throws {
    let problem = try ProblemCatalog.load(file)
    let minimizer = try #require(problem.minimum?.x)
    var options = SolverOptions<Double>()
    // Adam's fixed step needs more than the default 1000 iterations to reach ‖∇f‖∞ ≤ 1e-8.
    options.maxIterations = 20000
    let result = try SolverCatalog.make(name).minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    let (status, x) = (result.status, result.x)
    #expect(status.isConverged, "\(name) on \(file): \(status) \(result.message)")
    let error = zip(x, minimizer).map { abs($0 - $1) }.max() ?? .nan
    #expect(error <= 1e-6, "\(name) on \(file): x = \(x)")
  }

  @Test(arguments: ["bfgs", "lbfgs", "newton", "newton-trust-region", "cg-pr", "nelder-mead"])
  func reachesRosenbrocksMinimum(solver name: String) throws {
    let problem = try ProblemCatalog.load("rosenbrock")
    var options = SolverOptions<Double>()
    options.maxIterations = 5000
    let result = try SolverCatalog.make(name).minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    let (status, x) = (result.status, result.x)
    #expect(status.isConverged, "\(name): \(status)")
    #expect(x.allSatisfy { abs($0 - 1) < 1e-5 }, "\(name): \(x)")
  }
}

/// The loader's Float objective end to end.
@Test(arguments: ["sphere", "quadratic", "rosenbrock"])
func bfgsRunsInFloatOnProblemFiles(file: String) throws {
  let problem = try ProblemCatalog.load(file)
  let minimizer = try #require(problem.minimum?.x)
  var options = SolverOptions<Float>()
  options.gradientTolerance = 1e-3
  let result = BFGS().minimize(
    problem.makeObjective(Float.self), from: problem.start.map { Float($0) }, options: options)
  let status = result.status
  #expect(status.isConverged, "\(file): \(status)")
  let error = zip(result.x, minimizer).map { abs(Double($0) - $1) }.max() ?? .nan
  #expect(error < 1e-2, "\(file): \(result.x)")
}
