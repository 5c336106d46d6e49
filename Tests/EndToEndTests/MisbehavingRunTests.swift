import Foundation
import Reporting
import Testing

/// Runs that misbehave end as reported outcomes: divergence, a non-finite start, an optimal
/// start, a time limit, and Ctrl-C.
@Suite("misbehaving runs", .serialized)
struct MisbehavingRunTests {
  private func summary(_ directory: URL, _ problem: String) throws -> CSVTable {
    try CSVTable(
      String(
        contentsOf: directory.appendingPathComponent("results/\(problem)/summary.csv"),
        encoding: .utf8))
  }

  @Test("a start where f is not finite is reported before any solver runs")
  func nonFiniteStart() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    try Data("title = \"log\"\nvariables = [\"x\"]\nobjective = \"log(x)\"\nstart = [-1.0]\n".utf8)
      .write(to: directory.appendingPathComponent("log.toml"))
    let outcome = try OptimizeProcess.run(["--problem", "log.toml"], in: directory)
    #expect(outcome.status != 0)
    #expect(outcome.stderr.contains("not finite at the start"))
    #expect(
      !FileManager.default.fileExists(atPath: directory.appendingPathComponent("results").path))
  }

  @Test("SGD with lr 1 on goldstein diverges quickly and keeps a finite trace")
  func divergence() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      ["--problem", "goldstein", "--solver", "sgd", "--lr", "1"], in: directory)
    #expect(outcome.status == 0, "a diverging run is an outcome, not an error: \(outcome.stderr)")
    let table = try summary(directory, "goldstein")
    #expect(table.column("status") == ["diverged"])
    let iterations = try #require(table.column("iterations")?.first.flatMap { Int($0) })
    #expect(iterations < 20)
    let log = try CSVTable(
      String(
        contentsOf: directory.appendingPathComponent("results/goldstein/sgd.csv"), encoding: .utf8))
    #expect((log.column("f") ?? []).compactMap(Double.init).allSatisfy { $0.isFinite })
  }

  @Test("a stationary start converges at iteration 0 for every gradient-based solver")
  func optimalStart() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      [
        "--problem", "sphere", "--start", "0,0", "--solver",
        "steepest-descent,newton,newton-trust-region,sgd,momentum,nesterov,adam,bfgs,lbfgs,cg-pr,cg-fr,"
          + "gsl-steepest-descent,gsl-conjugate-fr,gsl-conjugate-pr,gsl-vector-bfgs,gsl-vector-bfgs2",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let table = try summary(directory, "sphere")
    #expect(table.rows.count == 16)
    #expect(Set(table.column("status") ?? []) == ["gradient-tolerance"])
    #expect(Set(table.column("iterations") ?? []) == ["0"])
  }

  @Test("--time-limit stops ours and GSL's with status time-limit")
  func timeLimit() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      [
        "--problem", "rosenbrock-n", "--param", "n=2000", "--solver",
        "sgd,gsl-steepest-descent,nelder-mead,gsl-nmsimplex2",
        "--lr", "1e-9", "--gtol", "0", "--max-iter", "1000000000", "--time-limit", "0.3",
        "--log-every", "1000",
        "--no-plots",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let table = try summary(directory, "rosenbrock-n")
    #expect(table.column("status") == ["time-limit", "time-limit", "time-limit", "time-limit"])
  }

  @Test(
    "Ctrl-C, SIGTERM and SIGHUP stop the running solver cleanly; finished logs stay complete",
    arguments: [SIGINT, SIGTERM, SIGHUP])
  func interrupt(signal: Int32) throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let process = Process()
    process.executableURL = OptimizeProcess.executable
    process.arguments = [
      "--problem", "sphere", "--param", "n=1000", "--solver", "cg-pr,sgd", "--lr", "1e-9",
      "--max-iter", "1000000000", "--log-every", "1000", "--no-plots", "--quiet",
    ]
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let results = directory.appendingPathComponent("results/sphere")
    let firstLog = results.appendingPathComponent("cg-pr.csv")
    let deadline = Date().addingTimeInterval(60)
    while !FileManager.default.fileExists(atPath: firstLog.path) && Date() < deadline {
      usleep(20_000)
    }
    usleep(300_000)  // sgd is now iterating
    kill(process.processIdentifier, signal)
    let stopBy = Date().addingTimeInterval(30)
    while process.isRunning && Date() < stopBy { usleep(20_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      Issue.record("optimize did not stop within 30 s of signal \(signal)")
    }
    process.waitUntilExit()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

    #expect(process.terminationStatus == 130, "\(stderr)")
    #expect(stderr.contains("interrupted"))
    let table = try summary(directory, "sphere")
    #expect(table.column("solver") == ["cg-pr", "sgd"])
    #expect(table.column("status") == ["gradient-tolerance", "interrupted"])
    let files = try FileManager.default.contentsOfDirectory(atPath: results.path).sorted()
    #expect(
      files == [".optimize-files", ".optimize.lock", "cg-pr.csv", "sgd.csv", "summary.csv"],
      "no temporary files left: \(files)")
    for name in ["cg-pr.csv", "sgd.csv"] {
      let log = try CSVTable(
        String(contentsOf: results.appendingPathComponent(name), encoding: .utf8))
      #expect(log.header.first == "iteration")
      #expect(!log.rows.isEmpty)
    }
  }

  @Test("dense methods that cannot fit are not run, with their own status; the others run")
  func memoryBeyondTheMachine() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    // n = 10⁵: BFGS and Newton each hold three n×n matrices, 3·10¹⁰ doubles (240 GB);
    // L-BFGS holds 52 vectors (42 MB).
    let outcome = try OptimizeProcess.run(
      [
        "--problem", "rosenbrock-n", "--param", "n=100000", "--solver", "newton,bfgs,lbfgs",
        "--max-iter", "2", "--no-plots", "--format", "json",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let runs = try #require(document["runs"] as? [[String: Any]])
    #expect(
      runs.map { $0["status"] as? String } == [
        "insufficient-memory", "insufficient-memory", "iteration-limit",
      ])
    let message = runs[1]["message"] as? String ?? ""
    #expect(message.contains("bfgs needs about 240.0 GB"), "\(message)")
    #expect(message.contains("are available"), "\(message)")
    #expect(runs[0]["converged"] as? Bool == false)
  }
}
