import Foundation
import Reporting

/// What a finished (or merged) sweep writes beside its store: `runs.csv`, and the solved
/// counts per solver and target that the table and the JSON summary show.
public struct SweepResults: Sendable {
  public let runs: [SweepRecord]
  public let targets: [Double]

  public init(runs: [SweepRecord], targets: [Double]) {
    self.runs = runs
    self.targets = targets
  }

  /// `runs.csv`: one row per run, the store's `runs` columns, then `evals_to_ε` and
  /// `seconds_to_ε` per target level. RFC 4180; numbers round-trip exactly.
  public func csv() -> String {
    let targetColumns = targets.flatMap { ["evals_to_\($0)", "seconds_to_\($0)"] }
    var writer = CSVWriter(header: SweepStore.runColumns + targetColumns)
    func number(_ x: Double?) -> String { x.map(CSVNumber.format) ?? "" }
    for r in runs {
      var row = [
        r.key, r.problem, r.parameters, "\(r.dimension)", r.solver, r.settings, "\(r.startIndex)",
        "\(r.repetition)", r.status, r.converged ? "true" : "false", r.message, "\(r.iterations)",
        number(r.f), number(r.fStar), number(r.fError), number(r.xError), r.endedAt ?? "",
        "\(r.fEvals)",
        "\(r.gradEvals)", "\(r.hessianEvals)", "\(r.hvpEvals)", CSVNumber.format(r.seconds),
      ]
      for i in targets.indices {
        row.append(
          r.targetEvaluations.indices.contains(i)
            ? r.targetEvaluations[i].map { "\($0)" } ?? "" : "")
        row.append(r.targetSeconds.indices.contains(i) ? number(r.targetSeconds[i]) : "")
      }
      writer.appendRow(row)
    }
    return writer.text
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
    let outcomes = SweepReportFiles.outcomes(runs)
    guard !outcomes.isEmpty, !targets.isEmpty,
      let table = try? SweepCostTable(outcomes: outcomes, targets: targets),
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
        converged: runs.filter { $0.repetition == 0 && $0.solverLabel == label && $0.converged }
          .count,
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
