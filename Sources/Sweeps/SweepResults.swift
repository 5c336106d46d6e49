import Foundation
import Reporting

/// What a finished (or merged) sweep's summaries are made of: the cost table of its runs (their
/// costs to each target, no histories) and a few counts, gathered from the store one run at a
/// time by `SweepReportFiles`; the solved counts per solver and target that the table and the
/// JSON summary show.
public struct SweepResults: Sendable {
  public let runCount: Int
  public let targets: [Double]
  /// Nil when the sweep has no runs.
  let costTable: SweepCostTable?
  /// Per solver configuration, its runs (first repetitions) that ended converged.
  let convergedBySolver: [String: Int]

  init(
    runCount: Int, targets: [Double], costTable: SweepCostTable?, convergedBySolver: [String: Int]
  ) {
    self.runCount = runCount
    self.targets = targets
    self.costTable = costTable
    self.convergedBySolver = convergedBySolver
  }

  /// Per solver configuration: how many (instance, start) problems it solved to each target,
  /// by the report's rule (`SweepCostTable`: repetitions combined by the median of their costs),
  /// so the table, the JSON summary and report.html count alike.
  public struct SolverLine: Sendable {
    public var solver: String
    public var problems: Int
    public var solved: [Int]
    /// Runs (first repetitions) that ended converged.
    public var converged: Int
    /// Median evaluations over the problems solved to the tightest target, if any.
    public var medianEvaluations: Int?
    /// Rank and score by `SolverRanking` (the report's rule): the area under the performance
    /// profile in evaluations at the tightest target anyone reached.
    public var rank = 0
    public var score = 0.0
  }

  public func solverLines() -> [SolverLine] {
    guard let table = costTable, !targets.isEmpty,
      let counts = try? SolvedCounts(table: table),
      let tightest = try? table.costs(target: targets.count - 1, cost: .evaluations)
    else { return [] }
    let ranking = try? SolverRanking(table: table)
    let entries = Dictionary(
      (ranking?.entries ?? []).map { ($0.solver, $0) }, uniquingKeysWith: { a, _ in a })
    let lines = table.solvers.enumerated().map { s, label -> SolverLine in
      let costs = tightest.map { $0[s] }.filter(\.isFinite).sorted()
      return SolverLine(
        solver: label, problems: table.instances.count, solved: counts.counts[s],
        converged: convergedBySolver[label] ?? 0,
        medianEvaluations: costs.isEmpty ? nil : Int(costs[costs.count / 2]),
        rank: entries[label]?.rank ?? 0, score: entries[label]?.score ?? 0)
    }
    return lines.sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.solver < $1.solver }
  }

  /// The ranked table of solved counts, as plain text, with the ranking's rule below it.
  public func table() -> String {
    let headers =
      ["rank", "solver", "score", "problems"] + targets.map { "solved ε=\($0)" } + [
        "converged", "median evals (tightest)",
      ]
    let rows = solverLines().map { line in
      ["\(line.rank)", line.solver, String(format: "%.3f", line.score), "\(line.problems)"]
        + line.solved.map { "\($0)" } + [
          "\(line.converged)", line.medianEvaluations.map { "\($0)" } ?? "–",
        ]
    }
    let widths = headers.indices.map { c in
      ([headers[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, cell in
        c == 1
          ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[c] - cell.count) + cell
      }.joined(separator: "  ")
    }
    return ([line(headers)] + rows.map(line) + ["", SolverRanking.rule]).joined(separator: "\n")
  }
}
