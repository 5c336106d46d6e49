import Foundation
import Reporting

/// What a finished or merged sweep writes beside its store: `runs.csv`, the profiles as SVG and
/// CSV, and `report.html`, one self-contained page that links to the rest.
///
/// The store is read twice, one run at a time, and every file is streamed to disk, so memory
/// does not grow with the number of runs beyond the costs the profiles need (a few numbers per
/// run): once in key order for `runs.csv` and the cost table, once by instance for the
/// convergence plots, each plot written as soon as its instance's runs have been read.
public enum SweepReportFiles {
  public static let names = [
    "runs.csv", "report.html", "performance-evaluations.svg", "performance-seconds.svg",
    "data-profiles.svg", "performance-profiles.csv", "data-profiles.csv",
  ]

  /// Each (instance, start) is one problem of the profiles; each solver configuration one solver.
  public static func outcome(_ r: SweepRecord) -> SweepOutcome {
    SweepOutcome(
      instance: problemName(r), dimension: r.dimension, solver: r.solverLabel,
      converged: r.converged, evaluations: r.evaluations, seconds: r.seconds,
      evaluationsToTarget: r.targetEvaluations, secondsToTarget: r.targetSeconds,
      history: history(r))
  }

  public static func outcomes(_ runs: [SweepRecord]) -> [SweepOutcome] { runs.map(outcome) }

  static func problemName(_ r: SweepRecord) -> String { "\(r.instance) #\(r.startIndex)" }

  /// (evaluations, f − f*) of the run's finite history points; empty when f* is unknown.
  static func history(_ r: SweepRecord) -> [SweepOutcome.HistoryPoint] {
    guard let fStar = r.fStar else { return [] }
    return r.history.filter(\.f.isFinite).map {
      .init(evaluations: $0.evaluations, fError: $0.f - fStar)
    }
  }

  /// Writes the files and returns the summaries they were made from, so that a caller need not
  /// read the store's runs a third time.
  @discardableResult
  public static func write(
    store: SweepStore, definition: SweepDefinition, to directory: URL
  ) throws -> SweepResults {
    let metadata = try store.metadata()
    let csv = SweepRunsCSV(targets: definition.targets)
    let runsFile = try AtomicFileWriter(url: directory.appendingPathComponent("runs.csv"))
    runsFile.append(csv.header)
    var builder = try SweepCostTable.Builder(targets: definition.targets)
    var converged: [String: Int] = [:]
    var instances = Set<String>()
    var profileFailure: (any Error)?
    try store.forEachRun(history: false) { run in
      runsFile.append(csv.row(run))
      if run.repetition == 0, run.converged { converged[run.solverLabel, default: 0] += 1 }
      instances.insert(run.instance)
      guard profileFailure == nil else { return }
      do { try builder.add(outcome(run)) } catch { profileFailure = error }
    }
    try runsFile.commit()
    if let profileFailure { throw profileFailure }
    let runCount = builder.count
    guard runCount > 0 else {
      return SweepResults(
        runCount: 0, targets: definition.targets, costTable: nil, convergedBySolver: converged)
    }
    let table = try builder.table()
    let results = SweepResults(
      runCount: runCount, targets: definition.targets, costTable: table,
      convergedBySolver: converged)
    try writeProfiles(table, targets: definition.targets, to: directory)

    let description: [(key: String, value: String)] = [
      ("problems", "\(definition.problems.count) instances (\(instances.count) with runs)"),
      ("solvers", definition.solvers.map(\.label).joined(separator: ", ")),
      (
        "starts", "each problem's own + \(definition.randomStarts) random (seed \(definition.seed))"
      ),
      ("repetitions", "\(definition.repetitions)"),
      ("runs", "\(runCount)"),
      (
        "budget",
        "max_iter \(definition.maxIterations), gtol \(definition.gradientTolerance)"
          + (definition.timeLimit.map { ", time limit \($0) s" } ?? "")
      ),
      ("precision", definition.precision.rawValue),
      ("definition", String(metadata.definitionHash.prefix(16))),
      ("toolkit", metadata.version),
      ("host", metadata.host),
    ]
    let report = SweepHTMLReport(
      title:
        "Sweep: \(definition.solvers.count) solver configurations on \(instances.count) problems",
      description: description, targets: definition.targets,
      links: [
        .init(label: "runs.csv (one row per run)", path: "runs.csv"),
        .init(label: "sweep.sqlite (the store)", path: "sweep.sqlite"),
        .init(label: "performance profiles (CSV)", path: "performance-profiles.csv"),
        .init(label: "data profiles (CSV)", path: "data-profiles.csv"),
        .init(label: "performance, evaluations (SVG)", path: "performance-evaluations.svg"),
        .init(label: "performance, seconds (SVG)", path: "performance-seconds.svg"),
        .init(label: "data profiles (SVG)", path: "data-profiles.svg"),
      ])
    let page = try AtomicFileWriter(url: directory.appendingPathComponent("report.html"))
    try report.write(
      table: table, convergence: { plot in try convergence(store, table: table, plot) },
      to: { page.append($0) })
    try page.commit()
    return results
  }

  /// The profiles' figures and step functions, each computed and written in turn.
  private static func writeProfiles(
    _ table: SweepCostTable, targets: [Double], to directory: URL
  ) throws {
    let performanceCSV = try AtomicFileWriter(
      url: directory.appendingPathComponent("performance-profiles.csv"))
    performanceCSV.append(CSVWriter.record(ProfileCSV.performanceHeader))
    for cost in ProfileCost.allCases {
      let profiles = try targets.indices.map {
        try PerformanceProfile(table: table, target: $0, cost: cost)
      }
      for profile in profiles { ProfileCSV.rows(of: profile) { performanceCSV.append($0) } }
      try AtomicFile.write(
        ProfileFigure(performance: profiles, title: "Performance profiles, \(cost.rawValue)").svg(),
        to: directory.appendingPathComponent("performance-\(cost.rawValue).svg"))
    }
    try performanceCSV.commit()
    let data = try targets.indices.map { try DataProfile(table: table, target: $0) }
    try AtomicFile.write(
      ProfileFigure(data: data, title: "Data profiles").svg(),
      to: directory.appendingPathComponent("data-profiles.svg"))
    let dataCSV = try AtomicFileWriter(url: directory.appendingPathComponent("data-profiles.csv"))
    dataCSV.append(CSVWriter.record(ProfileCSV.dataHeader))
    for profile in data { ProfileCSV.rows(of: profile) { dataCSV.append($0) } }
    try dataCSV.commit()
  }

  /// Reads the runs by instance and hands `plot` each instance's histories as soon as its runs
  /// have been read: per solver of `table`, the first run (lowest repetition) that kept one.
  private static func convergence(
    _ store: SweepStore, table: SweepCostTable,
    _ plot: (SweepHTMLReport.InstanceHistories) throws -> Void
  ) throws {
    let solverIndex = Dictionary(
      table.solvers.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var current: SweepHTMLReport.InstanceHistories?
    var failure: (any Error)?
    try store.forEachRun(order: .instance) { run in
      guard failure == nil else { return }
      let name = problemName(run)
      if current?.instance != name {
        if let done = current {
          do { try plot(done) } catch { failure = error }
        }
        current = .init(
          instance: name, dimension: run.dimension,
          histories: Array(repeating: [], count: table.solvers.count))
      }
      guard let s = solverIndex[run.solverLabel], current!.histories[s].isEmpty else { return }
      current!.histories[s] = history(run)
    }
    if let failure { throw failure }
    if let current { try plot(current) }
  }
}
