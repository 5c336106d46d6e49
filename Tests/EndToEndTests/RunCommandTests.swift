import Foundation
import Reporting
import Testing

/// The main job, run as a user would: the built executable in a scratch directory.
@Suite("optimize --problem goldstein", .serialized)
struct RunCommandTests {
  @Test("default run writes a log per solver, a summary and plots; the table agrees with them")
  func defaultRun() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(["--problem", "goldstein"], in: directory)
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    let results = directory.appendingPathComponent("results/goldstein")
    let summary = try CSVTable(
      String(contentsOf: results.appendingPathComponent("summary.csv"), encoding: .utf8))
    let solvers = summary.column("solver") ?? []
    #expect(solvers.count >= 18, "ours and GSL's: \(solvers)")
    #expect(solvers.contains("newton") && solvers.contains("gsl-vector-bfgs2"))
    for (row, solver) in solvers.enumerated() {
      let log = try CSVTable(
        String(contentsOf: results.appendingPathComponent("\(solver).csv"), encoding: .utf8))
      let fs = (log.column("f") ?? []).compactMap(Double.init)
      let iterations = (log.column("iteration") ?? []).compactMap(Int.init)
      let reportedF = try #require(Double(summary.rows[row][summary.header.firstIndex(of: "f")!]))
      let reportedIterations = try #require(
        Int(summary.rows[row][summary.header.firstIndex(of: "iterations")!]))
      // The result is the best point seen, so its f is the least f in the log, exactly.
      #expect(fs.min() == reportedF, "\(solver)")
      #expect(iterations.last == reportedIterations, "\(solver)")
      #expect(outcome.stdout.contains(solver))
    }
    // Goldstein–Price's global minimum is f(0, −1) = 3 (closed form): BFGS and CG-PR reach it
    // from the standard start, converged, ending at the global minimizer.
    for solver in ["bfgs", "cg-pr"] {
      let row = try #require(solvers.firstIndex(of: solver))
      let cell = { (column: String) in summary.rows[row][summary.header.firstIndex(of: column)!] }
      let f = try #require(Double(cell("f")))
      #expect(abs(f - 3) < 1e-9, "\(solver): f = \(f)")
      #expect(cell("converged") == "true", "\(solver)")
      #expect(cell("ended_at") == "global", "\(solver)")
    }
    for plot in ["contours.svg", "convergence.svg", "convergence-evaluations.svg"] {
      let svg = try String(contentsOf: results.appendingPathComponent(plot), encoding: .utf8)
      #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"), "\(plot)")
    }
    #expect(outcome.stdout.contains("results/goldstein"))
  }

  @Test("--format json is one document matching summary.csv")
  func jsonOutput() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      ["--problem", "goldstein", "--solver", "newton,bfgs,gsl-vector-bfgs2", "--format", "json"],
      in: directory)
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let problem = try #require(document["problem"] as? [String: Any])
    #expect(problem["name"] as? String == "goldstein")
    #expect(problem["dimension"] as? Int == 2)
    let minimum = try #require(problem["minimum"] as? [String: Any])
    #expect(minimum["f"] as? Double == 3)
    let runs = try #require(document["runs"] as? [[String: Any]])
    #expect(runs.map { $0["solver"] as? String } == ["newton", "bfgs", "gsl-vector-bfgs2"])
    let summary = try CSVTable(
      String(
        contentsOf: directory.appendingPathComponent("results/goldstein/summary.csv"),
        encoding: .utf8))
    for (index, run) in runs.enumerated() {
      for key in [
        "status", "converged", "iterations", "f", "x", "grad_norm", "evaluations",
        "seconds", "f_error", "x_error", "ended_at", "log",
      ] {
        #expect(run[key] != nil, "runs[\(index)] lacks \(key)")
      }
      let f = try #require(run["f"] as? Double)
      #expect(Double(summary.rows[index][summary.header.firstIndex(of: "f")!]) == f)
      let log = try #require(run["log"] as? String)
      #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(log).path))
    }
  }

  @Test("--precision float32 computes in Float: every logged x is a Float")
  func float32() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      ["--problem", "rosenbrock", "--solver", "bfgs", "--precision", "float32", "--gtol", "1e-3"],
      in: directory)
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    let log = try CSVTable(
      String(
        contentsOf: directory.appendingPathComponent("results/rosenbrock/bfgs.csv"), encoding: .utf8
      ))
    let values = ((log.column("x") ?? []) + (log.column("y") ?? []) + (log.column("f") ?? []))
      .compactMap(Double.init)
    #expect(values.count > 10)
    #expect(values.allSatisfy { Double(Float($0)) == $0 })
    // The same run in Double leaves Float's grid.
    let double = try OptimizeProcess.run(
      ["--problem", "rosenbrock", "--solver", "bfgs", "--output", "double", "--gtol", "1e-3"],
      in: directory)
    #expect(double.status == 0)
    let doubleLog = try CSVTable(
      String(
        contentsOf: directory.appendingPathComponent("double/rosenbrock/bfgs.csv"), encoding: .utf8)
    )
    let doubleValues = (doubleLog.column("f") ?? []).compactMap(Double.init)
    #expect(doubleValues.contains { Double(Float($0)) != $0 })
  }

  @Test("negative numbers are values: --start -1,2 and derive --at -1.2,1")
  func negativeValues() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let run = try OptimizeProcess.run(
      [
        "--problem", "rosenbrock", "--solver", "bfgs", "--start", "-1,2", "--format", "csv",
        "--no-plots",
      ], in: directory)
    #expect(run.status == 0, "\(run.stderr)")
    let derive = try OptimizeProcess.run(
      ["derive", "--problem", "rosenbrock", "--at", "-1.2,1", "--format", "json"], in: directory)
    #expect(derive.status == 0, "\(derive.stderr)")
    // f(−1.2, 1) = (1 + 1.2)² + 100(1 − 1.44)² = 4.84 + 19.36 = 24.2.
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(derive.stdout.utf8)) as? [String: Any])
    #expect(abs((document["f"] as? Double ?? 0) - 24.2) < 1e-12)
    #expect(document["point"] as? [Double] == [-1.2, 1])
  }

  @Test("a start where f is finite but ∇f is not: the result is that point, not f = inf")
  func finitePointWithoutGradient() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    try """
    title = "cone"
    variables = ["x", "y"]
    objective = "sqrt(x^2 + y^2)"
    start = [0.0, 0.0]
    """.write(to: directory.appendingPathComponent("cone.toml"), atomically: true, encoding: .utf8)
    let outcome = try OptimizeProcess.run(
      [
        "--problem", "cone.toml", "--solver", "bfgs,lbfgs,steepest-descent,newton", "--format",
        "csv", "--no-plots",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let table = try CSVTable(outcome.stdout)
    let fs = table.column("f") ?? []
    #expect(fs.count == 4)
    // f(0, 0) = 0, the best finite point seen by every run.
    #expect(fs.allSatisfy { Double($0) == 0 }, "\(fs)")
  }

  @Test(
    "a rerun into the same folder removes what the previous run wrote (and a killed run's temporary files), and only that"
  )
  func rerunRemovesStaleFiles() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let first = try OptimizeProcess.run(
      ["--problem", "rosenbrock", "--solver", "bfgs,newton"], in: directory)
    #expect(first.status == 0, "\(first.stderr)")
    let folder = directory.appendingPathComponent("results/rosenbrock")
    try "mine".write(
      to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    // What a run killed by SIGKILL leaves: a temporary file; and a hidden file of the user's.
    for name in [".newton.csv.tmp-4242-17", ".notes.tmp-draft"] {
      try "partial".write(
        to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let second = try OptimizeProcess.run(
      ["--problem", "rosenbrock", "--solver", "bfgs", "--no-plots"], in: directory)
    #expect(second.status == 0, "\(second.stderr)")
    let all = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(
      all == [
        ".notes.tmp-draft", ".optimize-files", ".optimize.lock", "bfgs.csv", "notes.txt",
        "summary.csv",
      ], "\(all)")
  }

  @Test("a second run into a folder another run is writing is refused")
  func concurrentRunIsRefused() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let folder = directory.appendingPathComponent("results/sphere")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    // Hold the folder's lock as a running optimize would.
    let descriptor = open(
      folder.appendingPathComponent(".optimize.lock").path, O_RDWR | O_CREAT, 0o644)
    #expect(descriptor >= 0)
    defer { close(descriptor) }
    #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    let outcome = try OptimizeProcess.run(
      ["--problem", "sphere", "--solver", "bfgs"], in: directory)
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("another optimize run is writing"), "\(outcome.stderr)")
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.csv").path))
  }
}
