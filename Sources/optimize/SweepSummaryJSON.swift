import Foundation
import Sweeps

/// `optimize sweep --format json`: the summary document.
enum SweepSummaryJSON {
  static func document(_ results: SweepResults, store: SweepStore, directory: URL) -> JSONValue {
    let metadata = try? store.metadata()
    return .object([
      ("store", .string(store.url.relativePath)),
      ("runs_csv", .string(directory.appendingPathComponent("runs.csv").relativePath)),
      ("report", .string(directory.appendingPathComponent("report.html").relativePath)),
      ("definition_hash", .optional(metadata?.definitionHash)),
      ("version", .optional(metadata?.version)),
      ("runs", .int(results.runCount)),
      ("targets", .numbers(results.targets)),
      (
        "solvers",
        .array(
          results.solverLines().map { line in
            .object([
              ("rank", .int(line.rank)), ("score", .number(line.score)),
              ("solver", .string(line.solver)), ("problems", .int(line.problems)),
              ("solved", .array(line.solved.map { .int($0) })),
              ("converged", .int(line.converged)),
              ("median_evaluations", line.medianEvaluations.map { .int($0) } ?? .null),
            ])
          })
      ),
    ])
  }
}
