import Autodiff
import OptimizationCore
import Solvers

/// One run's line in `summary.csv` and in the comparison table. The caller fills the parts
/// that need the problem: the errors against its known minimum and where the run ended.
public struct RunSummary: Sendable, Equatable {
  /// The stable solver name.
  public var solver: String
  public var status: Status
  public var iterations: Int
  /// The best f found.
  public var f: Double
  /// f − f* against the problem's known global minimum; nil when f* is unknown.
  public var fError: Double?
  /// Euclidean distance from x to the nearest known global minimizer; nil when unknown.
  public var xError: Double?
  /// ‖∇f‖∞ at x (the norm of the gradient test); NaN when unknown.
  public var gradientNorm: Double
  public var counts: EvaluationCounts
  public var seconds: Double
  /// The label of the known minimum the run ended at (see `nearestKnownMinimum`), if any.
  public var endedAt: String?
  /// The path of the run's iteration log, as it should appear in the summary.
  public var log: String?

  public var converged: Bool { status.isConverged }

  public init(
    solver: String, status: Status, iterations: Int, f: Double, fError: Double? = nil,
    xError: Double? = nil, gradientNorm: Double, counts: EvaluationCounts, seconds: Double,
    endedAt: String? = nil, log: String? = nil
  ) {
    self.solver = solver
    self.status = status
    self.iterations = iterations
    self.f = f
    self.fError = fError
    self.xError = xError
    self.gradientNorm = gradientNorm
    self.counts = counts
    self.seconds = seconds
    self.endedAt = endedAt
    self.log = log
  }

  /// The summary of a result; values are widened exactly to Double.
  public init<T: SolverScalar>(
    _ result: SolverResult<T>, fError: Double? = nil, xError: Double? = nil,
    endedAt: String? = nil, log: String? = nil
  ) {
    self.init(
      solver: result.solver, status: result.status, iterations: result.iterations,
      f: Double(result.f), fError: fError, xError: xError,
      gradientNorm: Double(result.gradientNorm), counts: result.counts,
      seconds: result.elapsed, endedAt: endedAt, log: log)
  }
}

/// `summary.csv`: one row per run.
///
/// Columns (stable names): `solver,status,converged,iterations,f,f_error,x_error,grad_norm,
/// f_evals,grad_evals,hessian_evals,seconds,ended_at,log`. `status` is the `Status` raw value,
/// `converged` is `true` or `false`, unknown values are empty cells.
public enum SummaryCSV {
  public static let columns = [
    "solver", "status", "converged", "iterations", "f", "f_error", "x_error", "grad_norm",
    "f_evals", "grad_evals", "hessian_evals", "seconds", "ended_at", "log",
  ]

  public static func csv(_ runs: [RunSummary], lineEnding: CSVWriter.LineEnding = .crlf)
    -> String
  {
    var writer = CSVWriter(header: columns, lineEnding: lineEnding)
    for run in runs {
      writer.appendRow([
        run.solver, run.status.rawValue, run.converged ? "true" : "false", String(run.iterations),
        CSVNumber.format(run.f), run.fError.map(CSVNumber.format) ?? "",
        run.xError.map(CSVNumber.format) ?? "", CSVNumber.format(run.gradientNorm),
        String(run.counts.f), String(run.counts.gradient), String(run.counts.hessian),
        CSVNumber.format(run.seconds), run.endedAt ?? "", run.log ?? "",
      ])
    }
    return writer.text
  }
}
