import Autodiff
import GSLReference
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// Every GSL minimizer reaches the known minimizer of the hand-written convex functions.
@Suite struct ConvergenceTests {
  static let cases: [(String, TestFunction)] = GSLCatalog.minimizerNames.flatMap { name in
    TestFunctions.convex.map { (name, $0) }
  }

  /// A run that ended where it should: by a convergence test, or by GSL_ENOPROG, which GSL's
  /// line searches report once f no longer changes in double precision (near the minimizer,
  /// ‖∇f‖ of order 1e-8 on these functions); the distance to the minimizer is checked apart.
  static func endedAtMinimizer(_ result: SolverResult<Double>) -> Bool {
    result.converged || result.status == .lineSearchFailed
  }

  /// Gradient methods stop at ‖∇f‖∞ ≤ 1e-9. For these quadratics ‖x − x*‖₂ ≤ ‖∇f‖₂ / λmin, and
  /// λmin is 2 (sphere), 0.04 (matyas) and about 1.27 (quadratic), so the error is at most
  /// √3 · 1e-9 / 0.04 ≈ 4.4e-8. The simplex stops when its size (RMS vertex distance from the
  /// centre) is below √ε ≈ 1.5e-8 · (1 + ‖x‖∞); the best vertex then lies within a few sizes of
  /// the minimizer, where f still separates the vertices, so 1e-6 leaves a wide margin.
  @Test(arguments: cases)
  func reachesMinimizer(solverName: String, function: TestFunction) throws {
    let solver = try GSLCatalog.make(solverName)
    var options = SolverOptions<Double>()
    options.gradientTolerance = 1e-9
    options.maxIterations = 100_000
    let result = solver.minimize(
      function.objective(Double.self), from: function.start, options: options)
    #expect(
      Self.endedAtMinimizer(result),
      "\(solverName) on \(function.name): \(result.status) \(result.message)")
    for (xi, mi) in zip(result.x, function.minimizer) {
      #expect(abs(xi - mi) <= 1e-6, "\(solverName) on \(function.name): x = \(result.x)")
    }
    #expect(result.trace.first?.x == function.start)
  }

  @Test func bfgs2ReachesRosenbrockMinimizer() throws {
    let function = TestFunctions.rosenbrock
    let result = try GSLCatalog.make("gsl-vector-bfgs2").minimize(
      function.objective(Double.self), from: function.start, options: SolverOptions())
    #expect(Self.endedAtMinimizer(result), "\(result.status): \(result.message)")
    #expect(abs(result.x[0] - 1) <= 1e-6 && abs(result.x[1] - 1) <= 1e-6, "x = \(result.x)")
  }

  /// A run in Float converts at the callback boundary and records its trace in Float.
  @Test func runsInFloat() throws {
    let function = TestFunctions.quadratic
    var options = SolverOptions<Float>()
    options.gradientTolerance = 1e-4
    let result = try GSLCatalog.make("gsl-vector-bfgs2").minimize(
      function.objective(Float.self), from: function.start.map { Float($0) }, options: options)
    #expect(result.converged, "\(result.message)")
    for (xi, mi) in zip(result.x, function.minimizer) { #expect(abs(Double(xi) - mi) <= 1e-3) }
  }
}
