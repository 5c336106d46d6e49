import Foundation
import Testing

/// The least-squares solvers in the command: which problems they apply to, what a fit reports,
/// and sweeps that plan no run where they do not apply.
@Suite("least squares in the command", .serialized)
struct LeastSquaresCommandTests {
  static let leastSquares = [
    "gauss-newton", "levenberg-marquardt", "gsl-lm", "gsl-lmaccel", "gsl-dogleg", "gsl-ddogleg",
    "gsl-subspace2d",
  ]

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func listShowsWhichSolversApplyToWhichProblems() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(["list", "--format", "json"], in: directory)
    #expect(outcome.status == 0)
    let document = try Self.json(outcome.stdout)
    let problems = try #require(document["problems"] as? [[String: Any]])
    let residual = Dictionary(
      uniqueKeysWithValues: problems.map { ($0["name"] as! String, $0["residual"] as! Bool) })
    #expect(residual["goldstein"] == false && residual["rosenbrock"] == true)
    #expect(residual["decay"] == true)
    let solvers = try #require(document["solvers"] as? [[String: Any]])
    for solver in solvers {
      let name = solver["name"] as! String
      let applies = solver["applies_to"] as? String
      #expect(applies == (Self.leastSquares.contains(name) ? "residual" : "all"), "\(name)")
    }
    let table = try OptimizeProcess.run(["list"], in: directory)
    #expect(
      table.stdout.contains("residual problems") && table.stdout.contains("problems without bounds")
    )
  }

  /// `all` on a problem without residuals leaves the least-squares solvers out; on a residual
  /// problem they run.
  @Test func allRunsThemOnlyWhereTheyApply() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let goldstein = try OptimizeProcess.run(
      ["--problem", "goldstein", "--format", "json", "--no-plots", "--max-iter", "20"],
      in: directory)
    #expect(goldstein.status == 0, "\(goldstein.stderr)")
    let ran = try #require(try Self.json(goldstein.stdout)["runs"] as? [[String: Any]])
      .map { $0["solver"] as! String }
    // Every solver of `optimize list` (27) but the seven least-squares ones.
    #expect(ran.count == 20 && Set(ran).isDisjoint(with: Self.leastSquares))
    let rosenbrock = try OptimizeProcess.run(
      ["--problem", "rosenbrock", "--solver", "gsl", "--format", "json", "--no-plots"],
      in: directory)
    let names = try #require(try Self.json(rosenbrock.stdout)["runs"] as? [[String: Any]])
      .map { $0["solver"] as! String }
    #expect(names.count == 11)
    #expect(Set(Self.leastSquares.filter { $0.hasPrefix("gsl-") }).isSubset(of: names))
  }

  /// decay: the fit's residual norm, covariance and standard errors in JSON and the table.
  @Test func aFitReportsItsCovariance() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      [
        "--problem", "decay", "--solver", "levenberg-marquardt,gauss-newton,gsl-lm",
        "--format", "json", "--no-plots",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let runs = try #require(try Self.json(outcome.stdout)["runs"] as? [[String: Any]])
    #expect(runs.count == 3)
    for run in runs {
      #expect(run["converged"] as? Bool == true, "\(run["solver"]!): \(run["message"]!)")
      let fit = try #require(run["fit"] as? [String: Any])
      let norm = try #require(run["residual_norm"] as? Double)
      // f = mean of r², so ‖r‖ = √(1000·f).
      let f = try #require(run["f"] as? Double)
      #expect(abs(norm - (1000 * f).squareRoot()) <= 1e-12 * norm)
      #expect(fit["degrees_of_freedom"] as? Int == 998)
      let errors = try #require(fit["standard_errors"] as? [Double])
      // scipy's curve_fit on the same data: 0.00306818, 0.00226221.
      #expect(abs(errors[0] - 0.00306818) <= 1e-5 * 0.00306818)
      #expect(abs(errors[1] - 0.00226221) <= 1e-5 * 0.00226221)
      let covariance = try #require(fit["covariance"] as? [[Double]])
      #expect(covariance.count == 2 && covariance[0][1] == covariance[1][0])
    }
    let table = try OptimizeProcess.run(
      ["--problem", "decay", "--solver", "levenberg-marquardt", "--no-plots"], in: directory)
    #expect(table.stdout.contains("Least-squares fit at the lowest f (levenberg-marquardt)"))
    #expect(table.stdout.contains("standard error") && table.stdout.contains("covariance"))
    // The iteration log has the method's own columns, the residual norm among them.
    let log = try String(
      contentsOf: directory.appendingPathComponent("results/decay/levenberg-marquardt.csv"),
      encoding: .utf8)
    #expect(log.split(separator: "\n").first?.contains("residual_norm") == true)
  }

  @Test func sweepsPlanNoRunWhereASolverDoesNotApply() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      [
        "sweep", "--problem", "goldstein", "--problem", "rosenbrock", "--solver",
        "levenberg-marquardt,bfgs", "--output", "out", "--format", "json", "--jobs", "1",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(try Self.json(outcome.stdout)["runs"] as? Int == 3)
  }
}
