import Autodiff
import OptimizationCore
import Solvers

/// The per-run iteration log: one CSV row per kept iteration. `IterationLogWriter` streams it to
/// disk as a run goes; `csv(for:)` renders a trace held in memory.
///
/// Columns, in order (stable names):
/// - `iteration`, `f`, `grad_norm`, `step_length`
/// - one column per coordinate of x, up to `maxCoordinates`, named by `coordinateNames`
///   (`x,y` or `x[0],x[1],…`); coordinates without a name are `x[i]`
/// - `f_evals`, `grad_evals`, `hessian_evals`, `hvp_evals` (cumulative), `seconds` (since start)
/// - the method's extras: the union of their keys over the run, sorted; a cell is empty in a row
///   whose record lacks that key
///
/// A coordinate or extras name that would repeat an earlier column gets a `x:` or `extra:`
/// prefix, so every header is unique. Numbers are spelled by `CSVNumber`.
public enum IterationLog {
  /// The fixed columns before the coordinates.
  public static let leadingColumns = ["iteration", "f", "grad_norm", "step_length"]
  /// The fixed columns after the coordinates.
  public static let countColumns = [
    "f_evals", "grad_evals", "hessian_evals", "hvp_evals", "seconds",
  ]

  /// The log of `result.trace` as CSV text.
  public static func csv<T: SolverScalar>(
    for result: SolverResult<T>, coordinateNames: [String], maxCoordinates: Int = 20,
    lineEnding: CSVWriter.LineEnding = .crlf
  ) -> String {
    let dimension = result.trace.map(\.x.count).max() ?? result.x.count
    let shown = shownCoordinates(dimension: dimension, maxCoordinates: maxCoordinates)
    let extrasKeys = Set(result.trace.flatMap(\.extras.keys)).sorted()
    var writer = CSVWriter(
      header: header(coordinateNames: coordinateNames, shown: shown, extrasKeys: extrasKeys),
      lineEnding: lineEnding)
    for record in result.trace {
      writer.appendRow(row(record, shown: shown, extrasKeys: extrasKeys))
    }
    return writer.text
  }

  /// How many coordinates of x a log of a problem with `dimension` unknowns shows.
  static func shownCoordinates(dimension: Int, maxCoordinates: Int) -> Int {
    min(dimension, max(maxCoordinates, 0))
  }

  /// The header row for `shown` coordinates and the extras keys in the order given.
  static func header(coordinateNames: [String], shown: Int, extrasKeys: [String]) -> [String] {
    var used = Set(leadingColumns + countColumns)
    var coordinateColumns: [String] = []
    for i in 0..<shown {
      let name = i < coordinateNames.count ? coordinateNames[i] : "x[\(i)]"
      coordinateColumns.append(unique(name, prefix: "x:", in: &used))
    }
    let extrasColumns = extrasKeys.map { unique($0, prefix: "extra:", in: &used) }
    return leadingColumns + coordinateColumns + countColumns + extrasColumns
  }

  /// The fields of one record's row: numbers only, so no field needs quoting.
  static func row<T: SolverScalar>(
    _ record: IterationRecord<T>, shown: Int, extrasKeys: [String]
  ) -> [String] {
    var row = [
      String(record.iteration), CSVNumber.format(record.f),
      CSVNumber.format(record.gradientNorm), CSVNumber.format(record.stepLength),
    ]
    for i in 0..<shown {
      row.append(i < record.x.count ? CSVNumber.format(record.x[i]) : "")
    }
    row += [
      String(record.counts.f), String(record.counts.gradient), String(record.counts.hessian),
      String(record.counts.hessianVector), CSVNumber.format(record.elapsed),
    ]
    row += extrasKeys.map { key in record.extras[key].map(CSVNumber.format) ?? "" }
    return row
  }

  private static func unique(_ name: String, prefix: String, in used: inout Set<String>) -> String {
    var candidate = name
    while used.contains(candidate) { candidate = prefix + candidate }
    used.insert(candidate)
    return candidate
  }
}
