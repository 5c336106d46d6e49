import Autodiff
import CGSL
import GSLReference
import OptimizationCore
import Problems
import Solvers
import Testing
import _TestSupport

/// GSL's nonlinear least squares (`gsl_multifit_nlinear`) behind our interface, and as the
/// reference for our least-squares methods and for the covariance of a fit.
@Suite struct GSLLeastSquaresTests {
  static let methods = GSLLeastSquaresMethod.allCases.map(\.name)
  /// Problems every one of GSL's five methods solves from the standard start (observed on the
  /// whole MGH suite: dogleg, ddogleg and subspace2D miss box-3d and wood).
  static let problems = ["rosenbrock", "decay", "mgh/bard", "mgh/kowalik-osborne"]

  /// The objective of `problem` with residuals and Jacobian read through a second, inner
  /// objective: the inner one's counts are the calls GSL's callbacks actually made.
  static func countedThroughInner(_ problem: Problem) -> (Objective<Double>, Objective<Double>) {
    let inner = problem.makeObjective(Double.self)
    let m = problem.residualCount
    let form = ResidualForm<Double>(
      count: m, scale: inner.residualForm!.scale, jacobianMethod: "inner",
      residuals: { x, r in try! inner.residuals(x, into: &r) },
      jacobian: { x, j in try! inner.jacobian(x, into: &j) })
    let outer = Objective<Double>(
      dimension: problem.dimension, value: { x in try! inner.value(x) },
      gradient: { x, g in try! inner.gradient(x, into: &g) }, residualForm: form)
    return (outer, inner)
  }

  @Test(arguments: methods, problems)
  func reachesTheKnownMinimum(method: String, name: String) throws {
    let problem = try ProblemCatalog.load(name)
    let known = try #require(problem.minimum)
    let (objective, inner) = Self.countedThroughInner(problem)
    let result = try GSLCatalog.make(method).minimize(
      objective, from: problem.start, options: .init())
    #expect(result.converged, "\(method) on \(name): \(result.status) \(result.message)")
    #expect(
      result.f - known.f <= 1e-9 * (1 + abs(known.f)), "\(method) on \(name): f = \(result.f)")
    // Every evaluation is one callback: residuals as f, Jacobians as gradients, counted as made.
    #expect(result.counts.f == inner.counts.f)
    #expect(result.counts.f > 0 && result.counts.gradient > 0)
    if result.status == .gradientTolerance {
      #expect(result.counts.gradient == inner.counts.gradient)
    }
  }

  /// Our Levenberg–Marquardt ends where GSL's does.
  @Test(arguments: problems)
  func oursAgreesWithGSL(name: String) throws {
    let problem = try ProblemCatalog.load(name)
    var options = SolverOptions<Double>()
    options.gradientTolerance = 1e-10
    let reference = try GSLCatalog.make("gsl-lm").minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    for solver in [LevenbergMarquardt(), LevenbergMarquardt(geodesicAcceleration: true)] {
      let ours = solver.minimize(
        problem.makeObjective(Double.self), from: problem.start, options: options)
      #expect(ours.converged, "\(name): \(ours.status) \(ours.message)")
      let scale = 1 + ours.x.map(abs).max()!
      #expect(
        maxDifference(ours.x, reference.x) <= 1e-6 * scale, "\(name): \(ours.x) vs \(reference.x)")
    }
  }

  @Test(arguments: methods)
  func refusesAnObjectiveWithoutResiduals(method: String) throws {
    let solver = try GSLCatalog.make(method)
    #expect(solver.requiresResiduals)
    let result = solver.minimize(
      TestObjectives.sphere(2, as: Double.self), from: [1, 2], options: .init())
    #expect(result.status == .failed)
    #expect(result.message.contains("residual problems only"), "\(result.message)")
  }

  /// The covariance of the decay fit against GSL's `gsl_multifit_nlinear_covar` ((JᵀJ)⁻¹ from
  /// GSL's own pivoted QR, scaled by σ̂² = ‖r‖²/(m − n) as GSL's manual does) and against
  /// scipy's `curve_fit` run as a peer (absolute_sigma = False, from the start (1, 0.1); its fit
  /// stops at scipy's tolerances, so the agreement there is to its 1e-5).
  @Test func decayCovarianceAgreesWithGSLAndScipy() throws {
    let problem = try ProblemCatalog.load("decay")
    let x = try #require(problem.minimum?.x)
    let fit = LeastSquaresFit(
      residuals: problem.residuals(at: x), jacobian: problem.residualJacobian(at: x))
    let covariance = try #require(fit.covariance)
    let m = problem.residualCount
    let n = problem.dimension
    #expect(fit.residualCount == m && fit.degreesOfFreedom == m - n)

    let jacobian = problem.residualJacobian(at: x)
    let j = gsl_matrix_alloc(m, n)!
    let c = gsl_matrix_alloc(n, n)!
    defer {
      gsl_matrix_free(j)
      gsl_matrix_free(c)
    }
    for row in 0..<m {
      for column in 0..<n { gsl_matrix_set(j, row, column, jacobian[row][column]) }
    }
    #expect(gsl_multifit_nlinear_covar(j, 0, c) == GSL_SUCCESS)
    let r = problem.residuals(at: x)
    let variance = r.reduce(0) { $0 + $1 * $1 } / Double(m - n)
    let fitVariance = try #require(fit.residualVariance)
    #expect(abs(fitVariance - variance) <= 1e-14 * variance)
    for a in 0..<n {
      for b in 0..<n {
        let gsl = variance * gsl_matrix_get(c, a, b)
        #expect(
          abs(covariance[a][b] - gsl) <= 1e-10 * abs(gsl),
          "[\(a)][\(b)]: \(covariance[a][b]) vs \(gsl)")
      }
    }
    let scipy = [[9.41373879e-06, 5.11461982e-06], [5.11461982e-06, 5.11761621e-06]]
    let scipyErrors = [0.00306818, 0.00226221]
    for a in 0..<n {
      for b in 0..<n { #expect(abs(covariance[a][b] - scipy[a][b]) <= 1e-5 * scipy[a][b]) }
      #expect(abs(fit.standardErrors![a] - scipyErrors[a]) <= 1e-5 * scipyErrors[a])
    }
  }
}
