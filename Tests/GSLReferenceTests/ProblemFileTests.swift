import Autodiff
import GSLReference
import OptimizationCore
import Problems
import Solvers
import Testing

/// The shipped problem files against GSL: gsl_deriv_central checks the core's gradient on every
/// problem, and GSL's minimizers reach the known minimizers of the convex ones.
@Suite struct ProblemFileTests {
  /// Every built-in problem, with a vector size overridden to 6 where the file's is large (or
  /// to 8 where n must be a multiple of 4, as in MGH's extended Powell function).
  static func load(_ name: String) throws -> Problem {
    let problem = try ProblemCatalog.load(name)
    if problem.dimension > 10, problem.parameters["n"] != nil {
      return try (try? ProblemCatalog.load(name, parameters: ["n": 6]))
        ?? ProblemCatalog.load(name, parameters: ["n": 8])
    }
    return problem
  }

  @Test(arguments: ProblemCatalog.builtinNames)
  func coreGradientAgreesWithCentralDifference(name: String) throws {
    let problem = try Self.load(name)
    let objective = problem.makeObjective(Double.self)
    var core = [Double]()
    let f = try objective.gradient(problem.start, into: &core)
    let reference = centralGradient({ problem.value(at: $0) }, at: problem.start)
    #expect(abs(f - problem.value(at: problem.start)) <= 1e-12 * max(abs(f), 1))
    for i in problem.start.indices {
      // Round-off in a difference quotient is about ε·|f|/h (h = 1e-3·max(1, |xᵢ|), the
      // helper's first step); 100 of those cover the 5-point weights and GSL's rescaled step.
      // It matters only where f is huge (brown-badly-scaled, f ≈ 1e12); elsewhere the bound is
      // 1e-7 relative, while the observed disagreement is below 1e-9.
      let h = 1e-3 * max(1, abs(problem.start[i]))
      let roundOff = 100 * Double.ulpOfOne * abs(f) / h
      let allowed = 1e-7 * max(abs(core[i]), 1) + roundOff
      #expect(
        abs(core[i] - reference.gradient[i]) <= allowed,
        "\(name) ∂f/∂x[\(i)]: core \(core[i]), GSL \(reference.gradient[i]) ± \(reference.absoluteErrors[i])"
      )
    }
  }

  static let convexCases = GSLCatalog.minimizerNames.flatMap { solver in
    ["sphere", "matyas", "quadratic"].map { (solver, $0) }
  }

  /// Tolerances as in `ConvergenceTests`: ‖∇f‖∞ ≤ 1e-9 and these problems' smallest Hessian
  /// eigenvalues (2, 0.04, 2) bound ‖x − x*‖ well under 1e-6; the simplex stops at size √ε.
  @Test(arguments: convexCases)
  func gslReachesKnownMinimizer(solverName: String, problemName: String) throws {
    let problem = try ProblemCatalog.load(problemName)
    let expected = try #require(problem.minimum?.x)
    var options = SolverOptions<Double>()
    options.gradientTolerance = 1e-9
    options.maxIterations = 100_000
    let result = try GSLCatalog.make(solverName).minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    #expect(
      result.converged || result.status == .lineSearchFailed,
      "\(solverName) on \(problemName): \(result.message)")
    for (xi, mi) in zip(result.x, expected) {
      #expect(abs(xi - mi) <= 1e-6, "\(solverName) on \(problemName): x = \(result.x)")
    }
  }
}
