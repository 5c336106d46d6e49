import ArgumentParser
import Foundation
import Reporting
import Runs
import Solvers
import Sweeps

/// `optimize sweep`: solvers × problems × starts × repetitions, recorded run by run in
/// `<output>/sweep.sqlite`, resumable, shardable; `optimize sweep merge` combines shards.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Compare solvers across problem sets, starts and settings.",
    subcommands: [SweepRunCommand.self, SweepMergeCommand.self],
    defaultSubcommand: SweepRunCommand.self)
}

struct SweepRunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run a sweep (the default), or the missing runs of one.")

  @Option(
    name: .customLong("problem"),
    help: "Problems: built-in names, suites (classic), .toml files, folders or globs; repeatable.")
  var problems: [String] = []

  @Option(name: .customLong("solver"), help: "Solvers, comma-separated or repeated (default all).")
  var solverNames: [String] = []

  @Option(help: "Random starts beside each problem's own (default 0).")
  var starts: Int?

  @Option(help: "Seed of the random starts (default 0).")
  var seed: UInt64?

  @Option(help: "Runs of each (problem, solver, start), for timing (default 1).")
  var repetitions: Int?

  @Option(
    name: .customLong("file"),
    help: "A sweep file (TOML) with the full grid, instead of the flags above.")
  var sweepFile: String?

  @OptionGroup var stopping: StoppingOptions

  @Option(help: "Arithmetic of the runs: float32 or float64 (default float64).")
  var precision: Precision?

  @Option(help: "Output folder: sweep.sqlite, runs.csv.")
  var output: String = "results/sweep"

  @Option(help: "Runs in parallel, one per thread (default: the processors online).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Run only shard K of N (1-based), e.g. 2/3.")
  var shard: String?

  @Option(help: "What goes to standard output: table or json.")
  var format: SweepFormat = .table

  @Flag(help: "No table or notes; what --format json asks for is still printed.")
  var quiet = false

  @Flag(help: "Write each run's iteration log to <output>/logs/.")
  var logs = false

  func definition() throws -> SweepDefinition {
    if let sweepFile {
      let flags: [(Bool, String)] = [
        (!problems.isEmpty, "--problem"), (!solverNames.isEmpty, "--solver"),
        (starts != nil, "--starts"), (seed != nil, "--seed"), (repetitions != nil, "--repetitions"),
        (precision != nil, "--precision"),
      ]
      let given = flags.filter(\.0).map(\.1) + stopping.given
      if let first = given.first {
        throw CommandFailure(
          "\(first) cannot be combined with --file: the sweep file defines the grid")
      }
      return try SweepFile.load(path: sweepFile)
    }
    let names = try ProblemSelection.expand(problems)
    guard !names.isEmpty else { throw CommandFailure("sweep needs at least one --problem") }
    let solvers = try SolverSelection.names(solverNames)
    var d = SweepDefinition(
      problems: names.map { .init(problem: $0) }, solvers: solvers.map { .init(solver: $0) })
    if let starts { d.randomStarts = starts }
    if let seed { d.seed = seed }
    if let repetitions { d.repetitions = repetitions }
    if let maxIterations = stopping.maxIterations { d.maxIterations = maxIterations }
    if let gtol = stopping.gtol { d.gradientTolerance = gtol }
    if let ftol = stopping.ftol { d.fTolerance = ftol }
    if let xtol = stopping.xtol { d.xTolerance = xtol }
    d.timeLimit = stopping.timeLimit
    if let precision { d.precision = precision }
    try d.validate()
    return d
  }

  func shardNumbers() throws -> (Int, Int)? {
    guard let shard else { return nil }
    let parts = shard.split(separator: "/").map { Int($0) }
    guard parts.count == 2, let k = parts[0], let n = parts[1], n >= 1, (1...n).contains(k)
    else {
      throw CommandFailure("--shard expects K/N with 1 ≤ K ≤ N, got '\(shard)'")
    }
    return (k, n)
  }

  func run() throws {
    guard jobs >= 1, jobs <= 1024 else {
      throw CommandFailure("--jobs must be between 1 and 1024, got \(jobs)")
    }
    let shardNumbers = try shardNumbers()
    let definition = try definition()
    let plan = try SweepPlan(definition)
    let tasks = shardNumbers.map { plan.shard($0.0, of: $0.1) } ?? plan.tasks
    let directory = URL(fileURLWithPath: output)
    // The folder's lock, held until the process ends: a second sweep into it is refused.
    let lease = try OutputDirectory.prepare(directory)
    let text = definition.canonicalText
    let store = try SweepStore(
      url: directory.appendingPathComponent("sweep.sqlite"),
      metadata: .init(
        definition: text, definitionHash: SweepDefinition.hash(text), version: Toolkit.version,
        host: ProcessInfo.processInfo.hostName, shard: shardNumbers?.0,
        shardCount: shardNumbers?.1),
      planned: tasks.map(\.key))
    InterruptHandler.install()
    let summary = try SweepRunner(
      plan: plan, jobs: jobs, logDirectory: logs ? directory.appendingPathComponent("logs") : nil
    ).run(tasks, into: store)
    let results = try SweepReportFiles.write(store: store, definition: definition, to: directory)
    // --quiet silences what a person reads, not what a script asked for.
    if !quiet || format == .json {
      switch format {
      case .table:
        print(
          "sweep: \(tasks.count) runs (\(summary.ran) run now, \(summary.skipped) already done)"
            + " into \(directory.relativePath)/: sweep.sqlite, "
            + SweepReportFiles.names.joined(separator: ", ") + "\n")
        print(results.table())
      case .json:
        print(SweepSummaryJSON.document(results, store: store, directory: directory).rendered())
      }
    }
    withExtendedLifetime(lease) {}
    if summary.interrupted || Interruption.isRequested {
      throw CommandFailure(
        "interrupted; finished runs are in \(directory.path)/sweep.sqlite (run again to resume)",
        exitCode: 130)
    }
  }
}

enum SweepFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json
}

struct SweepMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge", abstract: "Merge the folders of a sharded sweep into OUT.")

  @Argument(help: "The merged sweep's folder (new).")
  var output: String

  @Argument(help: "The shards' folders.")
  var inputs: [String] = []

  func run() throws {
    let directory = URL(fileURLWithPath: output)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let store = directory.appendingPathComponent("sweep.sqlite")
    let report = try SweepMerge.merge(
      into: store,
      from: inputs.map { URL(fileURLWithPath: $0).appendingPathComponent("sweep.sqlite") })
    let merged = try SweepStore(existing: store)
    let definition = try SweepDefinition.decode(try merged.metadata().definition)
    let results = try SweepReportFiles.write(store: merged, definition: definition, to: directory)
    print("merged \(inputs.count) stores: \(report.runs) runs into \(store.relativePath)")
    if !report.duplicates.isEmpty {
      print("duplicated runs (kept once): \(report.duplicates.count)")
    }
    if !report.absentShards.isEmpty {
      print("absent shards: \(report.absentShards.map(String.init).joined(separator: ", "))")
    }
    if !report.missing.isEmpty {
      print("missing runs: \(report.missing.count), e.g. \(report.missing[0])")
    }
    print("")
    print(results.table())
    if !report.missing.isEmpty || !report.absentShards.isEmpty {
      throw CommandFailure("the merged sweep is incomplete", exitCode: 3)
    }
  }
}
