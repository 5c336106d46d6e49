import Autodiff
import GSLReference
import OptimizationCore
import Problems
import Solvers
import Testing
import _TestSupport

/// GSL as the reference: on the convex problem files, every one of our solvers ends where GSL's
/// vector_bfgs2 ends, which is the file's known minimizer.
@Suite struct AgreementTests {
  static let cases = SolverCatalog.namesForEveryProblem.flatMap { solver in
    ["sphere", "matyas", "quadratic"].map { (solver, $0) }
  }

  static func reference(_ problem: Problem) throws -> [Double] {
    var options = SolverOptions<Double>()
    options.gradientTolerance = 1e-10
    let result = try GSLCatalog.make("gsl-vector-bfgs2").minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    #expect(result.converged, "the reference: \(result.status) \(result.message)")
    return result.x
  }

  /// ‖∇f‖∞ ≤ 1e-9 bounds ‖x − x*‖ by about 3.5e-8 on these problems (smallest Hessian eigenvalue
  /// 0.04, matyas), so 1e-6 leaves room for methods that stop a little short by other tests.
  @Test(arguments: cases)
  func oursReachTheGSLMinimizer(solverName: String, problemName: String) throws {
    let problem = try ProblemCatalog.load(problemName)
    let reference = try Self.reference(problem)
    let known = try #require(problem.minimum?.x)
    #expect(maxDifference(reference, known) <= 1e-6, "reference \(reference), known \(known)")
    var options = SolverOptions<Double>()
    options.gradientTolerance = 1e-9
    options.maxIterations = 100_000
    let result = try SolverCatalog.make(solverName).minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    #expect(result.converged, "\(solverName) on \(problemName): \(result.status) \(result.message)")
    #expect(
      maxDifference(result.x, reference) <= 1e-6,
      "\(solverName) on \(problemName): \(result.status) \(result.message), x = \(result.x)")
  }
}
