import Autodiff
import OptimizationCore
import Solvers

extension TableFormatter {
  /// The comparison of runs the CLI prints after a problem: one line per run with solver,
  /// status, iterations, f, f − f*, ‖x − x*‖, ‖∇f‖, evaluations, seconds and where the run
  /// ended. With `ansi`, a converged status is green, a divergence or failure red, any other
  /// stop yellow.
  public static func comparison(_ runs: [RunSummary], maxWidth: Int? = nil, ansi: Bool = false)
    -> String
  {
    let table = TableFormatter(
      headers: [
        "solver", "status", "iter", "f", "f - f*", "|x - x*|", "|grad|", "f evals", "g evals",
        "H evals", "seconds", "ended at",
      ], maxWidth: maxWidth, ansi: ansi)
    let rows = runs.map { run -> [Cell] in
      let statusStyle: Style =
        run.converged
        ? .good : (run.status == .diverged || run.status == .failed ? .bad : .warning)
      return [
        .text(run.solver), .text(run.status.rawValue, style: statusStyle),
        .integer(run.iterations), .number(run.f), run.fError.map { .number($0) } ?? .empty,
        run.xError.map { .number($0) } ?? .empty, .number(run.gradientNorm),
        .integer(run.counts.f), .integer(run.counts.gradient), .integer(run.counts.hessian),
        .number(run.seconds), .text(run.endedAt ?? ""),
      ]
    }
    return table.render(rows)
  }
}
