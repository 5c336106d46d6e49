import Foundation
import Reporting
import Sweeps
import Testing

/// The summaries a sweep writes are made from its store one run at a time; they must show every
/// run as the in-memory summaries of all its runs at once would.
@Suite(.serialized) struct SweepReportStreamTests {
  @Test("one convergence plot per (instance, start), each once; the profiles of every run")
  func streamedSummaries() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    // Eleven random starts: keys order "start 10" before "start 2", so an instance's runs are
    // not contiguous in key order, and the plots must still gather each (instance, start).
    let outcome = try OptimizeProcess.run(
      [
        "sweep", "--problem", "classic", "--solver", "bfgs,lbfgs,newton", "--starts", "11",
        "--output", "out", "--quiet",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let out = directory.appendingPathComponent("out")
    let runs = try SweepStore(existing: out.appendingPathComponent("sweep.sqlite")).runs()
    let problems = Set(runs.map { "\($0.instance) #\($0.startIndex)" })
    #expect(problems.count == runs.count / 3)

    let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    let summaries = html.components(separatedBy: "<summary>").dropFirst().map {
      String($0.prefix { $0 != "<" })
    }
    #expect(summaries.count == problems.count)
    #expect(Set(summaries) == problems)
    #expect(html.hasSuffix("</html>\n"))

    // The profiles' files equal the profiles of all the runs held at once.
    let table = try SweepCostTable(
      outcomes: SweepReportFiles.outcomes(runs), targets: [1e-1, 1e-3, 1e-5, 1e-7])
    let performance = try ProfileCost.allCases.flatMap { cost in
      try table.targets.indices.map { try PerformanceProfile(table: table, target: $0, cost: cost) }
    }
    let data = try table.targets.indices.map { try DataProfile(table: table, target: $0) }
    #expect(
      try String(
        contentsOf: out.appendingPathComponent("performance-profiles.csv"), encoding: .utf8)
        == ProfileCSV.performance(performance))
    #expect(
      try String(contentsOf: out.appendingPathComponent("data-profiles.csv"), encoding: .utf8)
        == ProfileCSV.data(data))
    // runs.csv: a row per run, in key order.
    let rows = try String(contentsOf: out.appendingPathComponent("runs.csv"), encoding: .utf8)
      .components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
    #expect(rows.count == runs.count)
    #expect(zip(rows, runs).allSatisfy { row, run in row.hasPrefix(run.key + ",") })
  }
}
