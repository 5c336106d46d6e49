import Autodiff
import OptimizationCore
import Solvers

extension TableFormatter {
  /// The comparison of runs the CLI prints after a problem: one line per run with solver,
  /// status, iterations, f, f − f*, ‖x − x*‖, ‖∇f‖, evaluations (f/∇f/∇²f in one column), time
  /// and where the run ended. Columns no run has a value for (f − f* when f* is unknown) are
  /// left out. With `maxWidth`, the less telling columns go first — f when f − f* is shown,
  /// ‖x − x*‖, ‖∇f‖, iterations, where the run ended — and a note under the table, wrapped to
  /// `maxWidth`, names them. With `ansi`, a converged status is green, a divergence or failure
  /// red, any other stop yellow.
  public static func comparison(_ runs: [RunSummary], maxWidth: Int? = nil, ansi: Bool = false)
    -> String
  {
    var columns = ComparisonColumn.all
    columns.removeAll { column in
      column.optional && runs.allSatisfy { column.cell($0).text.isEmpty }
    }
    let showsFError = columns.contains { $0.header == ComparisonColumn.fError.header }
    var table = TableFormatter(headers: columns.map(\.header), maxWidth: maxWidth, ansi: ansi)
    let ranked = columns.indices.compactMap { c -> (rank: Int, column: Int)? in
      guard var rank = columns[c].dropRank else { return nil }
      if columns[c].header == ComparisonColumn.f.header {
        // f is the only measure of a run when f* is unknown.
        guard showsFError else { return nil }
        rank = 0
      }
      return (rank, c)
    }
    table.dropOrder = ranked.sorted { $0.rank < $1.rank }.map(\.column)
    let fitted = table.fitted(runs.map { run in columns.map { $0.cell(run) } })
    guard !fitted.omitted.isEmpty, let maxWidth else { return fitted.text }
    let note =
      "(\(fitted.omitted.joined(separator: ", ")) left out to fit \(maxWidth) columns; "
      + "summary.csv, --format csv and --format json have every column)"
    return fitted.text + wrapped(note, to: maxWidth)
  }
}

/// A column of the comparison table: its header, its cell for a run and when it may go.
private struct ComparisonColumn: Sendable {
  var header: String
  /// Its place in the order columns are left out on a narrow terminal; nil keeps it.
  var dropRank: Int?
  /// Left out when no run has a value.
  var optional = false
  var cell: @Sendable (RunSummary) -> TableFormatter.Cell

  static let f = ComparisonColumn(header: "f", dropRank: 0) { .number($0.f) }
  static let fError = ComparisonColumn(header: "f - f*", optional: true) {
    $0.fError.map { .number($0) } ?? .empty
  }

  static let all: [ComparisonColumn] = [
    ComparisonColumn(header: "solver") { .text($0.solver) },
    ComparisonColumn(header: "status") { run in
      let style: TableFormatter.Style =
        run.converged
        ? .good : (run.status == .diverged || run.status == .failed ? .bad : .warning)
      return .text(run.status.rawValue, style: style)
    },
    ComparisonColumn(header: "iter", dropRank: 3) { .integer($0.iterations) },
    f,
    fError,
    ComparisonColumn(header: "|x - x*|", dropRank: 1, optional: true) {
      $0.xError.map { .number($0) } ?? .empty
    },
    ComparisonColumn(header: "|grad|", dropRank: 2) { .number($0.gradientNorm) },
    ComparisonColumn(header: "evals f/g/H") { run in
      let c = run.counts
      return TableFormatter.Cell(text: "\(c.f)/\(c.gradient)/\(c.hessian)", isNumeric: true)
    },
    ComparisonColumn(header: "time") { .duration($0.seconds) },
    ComparisonColumn(header: "ended at", dropRank: 4, optional: true) { .text($0.endedAt ?? "") },
  ]
}
