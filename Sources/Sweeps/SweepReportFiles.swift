import Foundation
import Reporting

/// What a finished or merged sweep writes beside its store: `runs.csv`, the profiles as SVG and
/// CSV, and `report.html`, one self-contained page that links to the rest.
public enum SweepReportFiles {
  public static let names = [
    "runs.csv", "report.html", "performance-evaluations.svg", "performance-seconds.svg",
    "data-profiles.svg", "performance-profiles.csv", "data-profiles.csv",
  ]

  /// Each (instance, start) is one problem of the profiles; each solver configuration one solver.
  public static func outcomes(_ runs: [SweepRecord]) -> [SweepOutcome] {
    runs.map { r in
      let fStar = r.fStar ?? 0
      return SweepOutcome(
        instance: "\(r.instance) #\(r.startIndex)", dimension: r.dimension, solver: r.solverLabel,
        converged: r.converged, evaluations: r.evaluations, seconds: r.seconds,
        evaluationsToTarget: r.targetEvaluations, secondsToTarget: r.targetSeconds,
        history: r.fStar == nil
          ? []
          : r.history.filter(\.f.isFinite).map {
            .init(evaluations: $0.evaluations, fError: $0.f - fStar)
          })
    }
  }

  /// Writes the files and returns the results they were made from, so that a caller need not
  /// load the store's runs a second time.
  @discardableResult
  public static func write(
    store: SweepStore, definition: SweepDefinition, to directory: URL
  ) throws -> SweepResults {
    let runs = try store.runs()
    let metadata = try store.metadata()
    let results = SweepResults(runs: runs, targets: definition.targets)
    func save(_ text: String, _ name: String) throws {
      try AtomicFile.write(text, to: directory.appendingPathComponent(name))
    }
    try save(results.csv(), "runs.csv")
    let outcomes = outcomes(runs)
    guard !outcomes.isEmpty else { return results }
    let table = try SweepCostTable(outcomes: outcomes, targets: definition.targets)
    var performance: [PerformanceProfile] = []
    for cost in ProfileCost.allCases {
      let profiles = try definition.targets.indices.map {
        try PerformanceProfile(table: table, target: $0, cost: cost)
      }
      performance += profiles
      try save(
        ProfileFigure(performance: profiles, title: "Performance profiles, \(cost.rawValue)").svg(),
        "performance-\(cost.rawValue).svg")
    }
    let data = try definition.targets.indices.map { try DataProfile(table: table, target: $0) }
    try save(ProfileFigure(data: data, title: "Data profiles").svg(), "data-profiles.svg")
    try save(ProfileCSV.performance(performance), "performance-profiles.csv")
    try save(ProfileCSV.data(data), "data-profiles.csv")

    let instances = Set(runs.map(\.instance)).count
    let description: [(key: String, value: String)] = [
      ("problems", "\(definition.problems.count) instances (\(instances) with runs)"),
      ("solvers", definition.solvers.map(\.label).joined(separator: ", ")),
      (
        "starts", "each problem's own + \(definition.randomStarts) random (seed \(definition.seed))"
      ),
      ("repetitions", "\(definition.repetitions)"),
      ("runs", "\(runs.count)"),
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
      title: "Sweep: \(definition.solvers.count) solver configurations on \(instances) problems",
      description: description, outcomes: outcomes, targets: definition.targets,
      links: [
        .init(label: "runs.csv (one row per run)", path: "runs.csv"),
        .init(label: "sweep.sqlite (the store)", path: "sweep.sqlite"),
        .init(label: "performance profiles (CSV)", path: "performance-profiles.csv"),
        .init(label: "data profiles (CSV)", path: "data-profiles.csv"),
        .init(label: "performance, evaluations (SVG)", path: "performance-evaluations.svg"),
        .init(label: "performance, seconds (SVG)", path: "performance-seconds.svg"),
        .init(label: "data profiles (SVG)", path: "data-profiles.svg"),
      ])
    try save(try report.html(), "report.html")
    return results
  }
}
