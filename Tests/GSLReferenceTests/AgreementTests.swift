import Autodiff
import GSLReference
import OptimizationCore
import Problems
import Solvers
import Testing

/// GSL as the reference: on the convex problem files, every one of our solvers ends where GSL's
/// vector_bfgs2 ends, which is the file's known minimizer.
@Suite struct AgreementTests {
  static let cases = SolverCatalog.names.flatMap { solver in
    ["sphere", "matyas", "quadratic"].map { (solver, $0) }
  }

  static func reference(_ problem: Problem) throws -> [Double] {
    var options = SolverOptions<Double>()
    options.gradientTolerance = 1e-10
    let result = try GSLCatalog.make("gsl-vector-bfgs2").minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    return result.x
  }

  /// ‖∇f‖∞ ≤ 1e-9 bounds ‖x − x*‖ by about 3.5e-8 on these problems (smallest Hessian eigenvalue
  /// 0.04, matyas), so 1e-6 leaves room for methods that stop a little short by other tests.
  @Test(arguments: cases)
  func oursReachTheGSLMinimizer(solverName: String, problemName: String) throws {
    let problem = try ProblemCatalog.load(problemName)
    let reference = try Self.reference(problem)
    let known = try #require(problem.minimum?.x)
    for (r, k) in zip(reference, known) { #expect(abs(r - k) <= 1e-6) }
    var options = SolverOptions<Double>()
    options.gradientTolerance = 1e-9
    options.maxIterations = 100_000
    let result = try SolverCatalog.make(solverName).minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    for (xi, ri) in zip(result.x, reference) {
      #expect(
        abs(xi - ri) <= 1e-6,
        "\(solverName) on \(problemName): \(result.status) \(result.message), x = \(result.x)")
    }
  }
}
