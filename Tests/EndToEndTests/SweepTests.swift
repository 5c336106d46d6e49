import Foundation
import Sweeps
import Testing

/// `optimize sweep` end to end: the store, resume after SIGKILL, shards and merge, refusals.
@Suite(.serialized) struct SweepTests {
  static let solvers = "bfgs,lbfgs,newton,cg-pr"

  /// What must agree between two sweeps of one definition: everything but the times.
  static func outcomes(_ directory: URL) throws -> [String] {
    try SweepStore(existing: directory.appendingPathComponent("sweep.sqlite")).runs().map {
      [
        $0.key, $0.status, "\($0.f.map { $0.bitPattern } ?? 0)", "\($0.iterations)",
        "\($0.fEvals)", "\($0.gradEvals)", "\($0.hessianEvals)", "\($0.targetEvaluations)",
        $0.endedAt ?? "-",
      ].joined(separator: ",")
    }
  }

  @Test("mgh × four solvers × three starts: one row per run, equal to the single runs")
  func wholeSweep() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      [
        "sweep", "--problem", "mgh", "--solver", Self.solvers, "--starts", "2", "--jobs", "2",
        "--output", "out", "--format", "json",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let runs = try SweepStore(
      existing: directory.appendingPathComponent("out/sweep.sqlite")
    ).runs()
    let problems = Set(runs.map(\.problem))
    #expect(problems.count == 35 && problems.contains("mgh/watson"))
    #expect(runs.count == 35 * 4 * 3)
    // The sweep's run from a problem's own start is the single run's, number for number.
    // (Read from the CSV summary: Foundation's JSON parser does not round-trip every double.)
    let single = try OptimizeProcess.run(
      [
        "--problem", "mgh/rosenbrock", "--solver", "bfgs", "--format", "csv", "--no-plots",
        "--output", "single",
      ], in: directory)
    let lines = single.stdout.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = try #require(lines.first)
    let row = try #require(lines.dropFirst().first)
    let cell = { (name: String) in row[header.firstIndex(of: name)!] }
    let swept = try #require(
      runs.first { $0.problem == "mgh/rosenbrock" && $0.solver == "bfgs" && $0.startIndex == 0 })
    #expect(swept.f == Double(cell("f")))
    #expect(swept.status == cell("status"))
    #expect(swept.gradEvals == Int(cell("grad_evals")))
    #expect(swept.iterations == Int(cell("iterations")))
    // Rosenbrock from its own start reaches f* = 0 with BFGS: every target is met.
    #expect(abs(swept.f ?? 1) < 1e-9)
    #expect(swept.targetEvaluations.allSatisfy { $0 != nil })
    // report.html loads in headless Chromium with no console error or network request, and
    // the profiles are beside it.
    for name in SweepReportFiles.names {
      #expect(
        FileManager.default.fileExists(
          atPath: directory.appendingPathComponent("out/\(name)").path), "\(name)")
    }
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/bin/bash")
    check.arguments = [
      URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scripts/check_report_html.sh").standardized.path,
      directory.appendingPathComponent("out/report.html").path,
      directory.appendingPathComponent("report.png").path,
    ]
    try check.run()
    check.waitUntilExit()
    #expect(check.terminationStatus == 0, "check_report_html.sh")
    let html = try String(
      contentsOf: directory.appendingPathComponent("out/report.html"), encoding: .utf8)
    #expect(html.contains("Performance profiles") && html.contains("Data profiles"))
    // runs.csv has a header and a row per run.
    let csv = try String(
      contentsOf: directory.appendingPathComponent("out/runs.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("key,problem,parameters,dimension,solver,settings,start_index"))
    #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == runs.count + 1)
    // The stored definition hash is the SHA-256 of the stored definition, as sha256sum computes it.
    let metadata = try SweepStore(existing: directory.appendingPathComponent("out/sweep.sqlite"))
      .metadata()
    let file = directory.appendingPathComponent("definition.json")
    try Data(metadata.definition.utf8).write(to: file)
    let sum = Process()
    sum.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    sum.arguments = [file.path]
    let pipe = Pipe()
    sum.standardOutput = pipe
    try sum.run()
    sum.waitUntilExit()
    let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .split(separator: " ").first.map(String.init)
    #expect(metadata.definitionHash == expected)
  }

  @Test("the same results with one job or two, and a rerun runs nothing")
  func jobsAndResume() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    for (jobs, output) in [("1", "one"), ("2", "two")] {
      let outcome = try OptimizeProcess.run(
        [
          "sweep", "--problem", "classic", "--solver", Self.solvers, "--starts", "1", "--jobs",
          jobs,
          "--output", output, "--quiet",
        ], in: directory)
      #expect(outcome.status == 0, "\(outcome.stderr)")
    }
    #expect(
      try Self.outcomes(directory.appendingPathComponent("one"))
        == Self.outcomes(directory.appendingPathComponent("two")))
    let again = try OptimizeProcess.run(
      [
        "sweep", "--problem", "classic", "--solver", Self.solvers, "--starts", "1", "--output",
        "one",
      ], in: directory)
    #expect(again.stdout.contains("(0 run now,"))
  }

  @Test("another definition into the same folder is refused and changes nothing")
  func otherDefinitionRefused() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let first = try OptimizeProcess.run(
      ["sweep", "--problem", "goldstein", "--solver", "bfgs", "--output", "out", "--quiet"],
      in: directory)
    #expect(first.status == 0)
    let before = try Self.outcomes(directory.appendingPathComponent("out"))
    let second = try OptimizeProcess.run(
      ["sweep", "--problem", "goldstein", "--solver", "lbfgs", "--output", "out"], in: directory)
    #expect(second.status == 1)
    #expect(second.stderr.contains("another sweep"))
    #expect(try Self.outcomes(directory.appendingPathComponent("out")) == before)
  }

  @Test("three shards, one killed with SIGKILL and resumed, merge to the unsharded sweep")
  func shardsKilledResumedMerged() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let base = [
      "sweep", "--problem", "classic", "--solver",
      "bfgs,lbfgs,newton,cg-pr,nelder-mead,gsl-nmsimplex2",
      "--starts", "4", "--jobs", "2",
      "--quiet",
    ]
    let whole = try OptimizeProcess.run(base + ["--output", "whole"], in: directory)
    #expect(whole.status == 0, "\(whole.stderr)")
    for k in 1...3 where k != 2 {
      let outcome = try OptimizeProcess.run(
        base + ["--shard", "\(k)/3", "--output", "shard-\(k)"], in: directory)
      #expect(outcome.status == 0, "\(outcome.stderr)")
    }
    // Shard 2 is killed once some of its runs are stored, then run again into its folder.
    let process = Process()
    process.executableURL = OptimizeProcess.executable
    process.arguments = base + ["--shard", "2/3", "--output", "shard-2"]
    process.currentDirectoryURL = directory
    try process.run()
    let store = directory.appendingPathComponent("shard-2/sweep.sqlite")
    var stored = 0
    for _ in 0..<2000 where stored < 5 && process.isRunning {
      Thread.sleep(forTimeInterval: 0.01)
      stored = (try? SweepStore(existing: store).completedKeys().count) ?? 0
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let afterKill = (try? SweepStore(existing: store).completedKeys().count) ?? 0
    let resumed = try OptimizeProcess.run(
      base + ["--shard", "2/3", "--output", "shard-2"], in: directory)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let merged = try OptimizeProcess.run(
      ["sweep", "merge", "merged", "shard-1", "shard-2", "shard-3"], in: directory)
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(
      try Self.outcomes(directory.appendingPathComponent("merged"))
        == Self.outcomes(directory.appendingPathComponent("whole")))
    // The kill came mid-shard: some runs were stored, not all.
    let shardSize = try SweepStore(existing: store).completedKeys().count
    #expect(
      afterKill > 0 && afterKill < shardSize, "stored \(afterKill) of \(shardSize) before the kill")
  }

  @Test("merge refuses shards of different sweeps and reports an absent shard")
  func mergeRefusals() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    for (solver, output) in [("bfgs", "a"), ("lbfgs", "b")] {
      _ = try OptimizeProcess.run(
        [
          "sweep", "--problem", "goldstein", "--solver", solver, "--shard", "1/2", "--output",
          output,
          "--quiet",
        ], in: directory)
    }
    let mixed = try OptimizeProcess.run(["sweep", "merge", "m1", "a", "b"], in: directory)
    #expect(mixed.status == 1)
    #expect(mixed.stderr.contains("another sweep"))
    let partial = try OptimizeProcess.run(["sweep", "merge", "m2", "a"], in: directory)
    #expect(partial.status == 3)
    #expect(partial.stdout.contains("absent shards: 2"))
  }

  @Test("a sweep file expands its parameter and settings grids; a typo'd key is refused")
  func sweepFile() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    try """
    problems = ["goldstein", "rosenbrock-n"]
    solvers = ["lbfgs", "sgd"]
    starts = 1
    max_iter = 50

    [parameters.rosenbrock-n]
    n = [4, 6]

    [settings.sgd]
    lr = [0.0001, 0.001]
    """.write(to: directory.appendingPathComponent("grid.toml"), atomically: true, encoding: .utf8)
    let outcome = try OptimizeProcess.run(
      ["sweep", "--file", "grid.toml", "--output", "out", "--quiet"], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let runs = try SweepStore(existing: directory.appendingPathComponent("out/sweep.sqlite"))
      .runs()
    // 3 instances (goldstein, rosenbrock-n at n = 4 and 6) × 3 solver configurations
    // (lbfgs, sgd at two rates) × 2 starts.
    #expect(runs.count == 3 * 3 * 2)
    #expect(Set(runs.map(\.dimension)) == [2, 4, 6])
    #expect(Set(runs.map(\.solverLabel)) == ["lbfgs", "sgd lr=0.0001", "sgd lr=0.001"])

    try """
    problems = ["goldstein"]
    solvers = ["sgd"]
    [settings.sgd]
    lrr = [0.1]
    """.write(to: directory.appendingPathComponent("typo.toml"), atomically: true, encoding: .utf8)
    let typo = try OptimizeProcess.run(
      ["sweep", "--file", "typo.toml", "--output", "typo"], in: directory)
    #expect(typo.status == 1)
    #expect(typo.stderr.contains("unknown key 'settings.sgd.lrr'; did you mean 'settings.sgd.lr'?"))
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("typo").path))
  }

  @Test("--logs writes every run's iteration log, ending at the run's last iteration")
  func iterationLogs() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      [
        "sweep", "--problem", "goldstein", "--solver", "bfgs,newton", "--starts", "1", "--logs",
        "--output", "out", "--quiet",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let runs = try SweepStore(existing: directory.appendingPathComponent("out/sweep.sqlite"))
      .runs()
    #expect(runs.count == 4)
    for run in runs {
      let log = try String(
        contentsOf: directory.appendingPathComponent("out/logs/\(SweepRunner.logName(run.key))"),
        encoding: .utf8)
      let rows = log.split(whereSeparator: \.isNewline)
      #expect(rows.first?.hasPrefix("iteration,f,") == true)
      #expect(
        rows.count == run.iterations + 2, "\(run.key): header + iterations 0…\(run.iterations)")
    }
  }
}
