import Autodiff
import Foundation
import OptimizationCore
import Problems
import Reporting
import Runs
import Solvers

/// What a run session produced: written to files, then shown on standard output.
struct RunReport {
  let problem: Problem
  let minima: KnownMinima
  let runs: [CompletedRun]
  /// Each solver's family (`Solver.family`) by name, for the plots' styles and legends.
  let families: [String: String]
  let directory: URL
  let configuration: RunConfiguration
  let wasInterrupted: Bool
  /// Set when a log could not be written; the session stopped there.
  let writeFailure: String?
  /// The box of the run, nil when unbounded.
  var bounds: VariableBounds? = nil
  /// Solvers left out because they do not handle bounds (`RunBounds.select`).
  var leftOut: [String] = []

  var summaryPath: String { directory.appendingPathComponent("summary.csv").relativePath }

  /// The names of the files this report's run wrote in its folder.
  func writtenFiles(drawPlots: Bool) -> [String] {
    runs.compactMap { $0.logPath.map { URL(fileURLWithPath: $0).lastPathComponent } }
      + ["summary.csv"] + (drawPlots ? plotNames : [])
  }

  var summaries: [RunSummary] {
    runs.map { run in
      RunSummary(
        solver: run.solver, status: run.status, iterations: run.iterations, f: run.f,
        fError: run.fError, xError: run.xError, gradientNorm: run.gradientNorm, counts: run.counts,
        seconds: run.seconds, endedAt: run.endedAt, log: run.logPath ?? "")
    }
  }

  /// `summary.csv` and the plots, each written atomically (the logs were written as each run
  /// ended).
  func writeFiles(drawPlots: Bool) throws {
    if let writeFailure { throw CommandFailure(writeFailure) }
    do {
      try AtomicFile.write(SummaryCSV.csv(summaries), to: URL(fileURLWithPath: summaryPath))
      if drawPlots {
        for (name, svg) in plots() where !Interruption.isRequested {
          try AtomicFile.write(svg, to: directory.appendingPathComponent(name))
        }
      }
    } catch {
      throw CommandFailure("\(error)")
    }
  }

  func show(format: OutputFormat) {
    switch format {
    case .table: print(table())
    case .csv: print(SummaryCSV.csv(summaries, lineEnding: .lf), terminator: "")
    case .json: print(json().rendered())
    }
  }

  // MARK: - Table

  private func table() -> String {
    var lines: [String] = []
    let n = problem.dimension
    lines.append("\(problem.title) (\(problem.name), n = \(n))")
    if let minimum = problem.minimum {
      lines.append("known minimum f* = \(minimum.f)")
    }
    let labelled = summaries.enumerated().map { index, summary in
      var summary = summary
      if configuration.starts > 1 { summary.solver += " #\(runs[index].startIndex + 1)" }
      let resolved = runs[index].resolvedSettings
      if !resolved.given.isEmpty { summary.solver += " " + resolved.shortLabel }
      return summary
    }
    // The table shows where a run ended with the minimum's f; the files keep the bare label.
    let shown = labelled.enumerated().map { index, summary in
      var summary = summary
      summary.endedAt = runs[index].endedAt.map(minima.describe)
      return summary
    }
    let width = TerminalWidth.forStandardOutput()
    lines.append("")
    lines.append(
      TableFormatter.comparison(
        shown, maxWidth: width, ansi: TableFormatter.isTerminal(STDOUT_FILENO)))
    let closing = TableFormatter.bestRuns(
      labelled, globalMinimumKnown: minima.globalF != nil, maxWidth: width)
    lines.append(String(closing.dropLast()))
    if configuration.starts > 1 { lines.append(""); lines.append(multiStartSummary()) }
    if let fit = FitSummary.best(of: runs, coordinateNames: problem.coordinateNames) {
      lines.append("")
      lines.append(fit)
    }
    if bounds != nil {
      lines.append("")
      lines.append(boundsSummary(width: width))
    }
    lines.append("")
    lines.append(
      "wrote \(directory.relativePath)/: \(runs.count) iteration logs, summary.csv\(plotNote)")
    return lines.joined(separator: "\n")
  }

  private var plotNote: String {
    !configuration.output.plots ? "" : ", " + plotNames.joined(separator: ", ")
  }

  /// For `--starts N`: per solver, how many runs reached the global minimum and where the
  /// others ended.
  private func multiStartSummary() -> String {
    var rows: [[String]] = []
    var order: [String] = []
    var groups: [String: [CompletedRun]] = [:]
    for run in runs {
      if groups[run.solver] == nil { order.append(run.solver) }
      groups[run.solver, default: []].append(run)
    }
    for solver in order {
      let group = groups[solver]!
      let global = group.filter { $0.endedAt == "global" }.count
      var elsewhere: [String: Int] = [:]
      for run in group where run.endedAt != "global" {
        elsewhere[run.endedAt.map(minima.describe) ?? "no known minimum", default: 0] += 1
      }
      let others = elsewhere.sorted { $0.key < $1.key }.map { "\($0.value)× \($0.key)" }
      rows.append([solver, "\(group.count)", "\(global)", others.joined(separator: "; ")])
    }
    return textTable(headers: ["solver", "runs", "global", "others ended at"], rows: rows)
  }

  /// For a bounded problem: the box, the bounds each run ended on, and the solvers left out.
  private func boundsSummary(width: Int) -> String {
    var lines = [wrappedAtSpaces("bounds: " + boxText, width: width)]
    let names = problem.coordinateNames
    for run in runs {
      let label = configuration.starts > 1 ? "\(run.solver) #\(run.startIndex + 1)" : run.solver
      let active = run.activeBounds.map { bound in
        let value = bound.side == .lower ? bounds!.lower[bound.index] : bounds!.upper[bound.index]
        return "\(names[bound.index]) \(bound.side == .lower ? "≥" : "≤") \(value)"
      }
      lines.append(
        "  \(label): "
          + (active.isEmpty ? "no bound active" : "active " + active.joined(separator: ", ")))
    }
    if !leftOut.isEmpty {
      lines.append(
        wrappedAtSpaces(
          "not run (they do not handle bounds): " + leftOut.joined(separator: ", "), width: width))
    }
    return lines.joined(separator: "\n")
  }

  /// `x ≤ 0.5, y ≥ 0`: the finite bounds of the box, at most eight of them.
  private var boxText: String {
    guard let bounds else { return "none" }
    let names = problem.coordinateNames
    var parts: [String] = []
    for i in names.indices {
      let (l, u) = (bounds.lower[i], bounds.upper[i])
      if l == u {
        parts.append("\(names[i]) = \(l)")
      } else if l > -.infinity && u < .infinity {
        parts.append("\(l) ≤ \(names[i]) ≤ \(u)")
      } else if l > -.infinity {
        parts.append("\(names[i]) ≥ \(l)")
      } else if u < .infinity {
        parts.append("\(names[i]) ≤ \(u)")
      }
    }
    return parts.prefix(8).joined(separator: ", ") + (parts.count > 8 ? ", …" : "")
  }

  // MARK: - JSON

  /// The document scripts rely on; its names are documented in the README.
  func json() -> JSONValue {
    let minimum: JSONValue =
      problem.minimum.map { minimum in
        .object([
          ("f", .number(minimum.f)), ("x", minimum.x.map { .numbers($0) } ?? .null),
        ])
      } ?? .null
    let c = configuration
    let options = JSONValue.object([
      ("solvers", .array(runs.map(\.solver).uniqued().map { .string($0) })),
      ("precision", .string(c.precision.rawValue)),
      ("start", .numbers(runs.first?.start ?? problem.start)),
      ("starts", .int(c.starts)),
      ("lower", c.lower.map { .numbers($0) } ?? .null),
      ("upper", c.upper.map { .numbers($0) } ?? .null),
      ("not_run", .array(leftOut.map { .string($0) })),
      ("max_iter", .int(c.maxIterations)),
      ("gtol", .number(c.gradientTolerance)),
      ("ftol", .number(c.fTolerance)),
      ("xtol", .number(c.xTolerance)),
      ("time_limit", .optional(c.timeLimit)),
      ("lr", c.settings["lr"].map(settingJSON) ?? .null),
      ("momentum", .optional(c.settings.number("momentum"))),
      ("line_search", .optional(c.settings.choice("line-search"))),
      ("batch_size", c.settings.integer("batch-size").map { .int($0) } ?? .null),
      (
        "settings",
        .object(c.settings.given.map { ($0, settingJSON(c.settings[$0]!)) })
      ),
      ("seed", .string(String(c.seed))),
      ("log_every", .int(c.logEvery)),
      (
        "parameters",
        .object(problem.parameters.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })
      ),
      ("output", .string(directory.relativePath)),
    ])
    let runValues = runs.map { run -> JSONValue in
      .object([
        ("solver", .string(run.solver)),
        ("start_index", .int(run.startIndex)),
        ("status", .string(run.status.rawValue)),
        ("converged", .bool(run.status.isConverged)),
        ("message", .string(run.message)),
        ("iterations", .int(run.iterations)),
        ("f", .number(run.f)),
        ("x", .numbers(run.x)),
        ("grad_norm", .number(run.gradientNorm)),
        (
          "evaluations",
          .object([
            ("f", .int(run.counts.f)), ("gradient", .int(run.counts.gradient)),
            ("hessian", .int(run.counts.hessian)),
            ("hessian_vector", .int(run.counts.hessianVector)),
          ])
        ),
        ("seconds", .number(run.seconds)),
        ("f_error", .optional(run.fError)),
        ("x_error", .optional(run.xError)),
        ("ended_at", .optional(run.endedAt)),
        (
          "active_bounds",
          .array(
            run.activeBounds.map { bound in
              .object([
                ("index", .int(bound.index)),
                ("variable", .string(problem.coordinateNames[bound.index])),
                ("side", .string(bound.side.rawValue)),
                (
                  "bound",
                  .number(
                    bound.side == .lower
                      ? bounds?.lower[bound.index] ?? .nan : bounds?.upper[bound.index] ?? .nan)
                ),
              ])
            })
        ),
        ("log", .optional(run.logPath)),
        ("residual_norm", .optional(run.fit?.residualNorm)),
        ("fit", run.fit.map(fitJSON) ?? .null),
        (
          "resolved_settings",
          .object(run.resolvedSettings.given.map { ($0, settingJSON(run.resolvedSettings[$0]!)) })
        ),
      ])
    }
    return .object([
      (
        "problem",
        .object([
          ("name", .string(problem.name)), ("title", .string(problem.title)),
          ("dimension", .int(problem.dimension)), ("minimum", minimum),
          (
            "bounds",
            bounds.map { .object([("lower", .numbers($0.lower)), ("upper", .numbers($0.upper))]) }
              ?? .null
          ),
        ])
      ),
      ("options", options),
      ("runs", .array(runValues)),
      ("summary", .string(summaryPath)),
      ("interrupted", .bool(wasInterrupted)),
    ])
  }
}

/// Words joined by spaces into lines of at most `width` characters (a longer word keeps a line
/// of its own), as the notes under the table are.
private func wrappedAtSpaces(_ text: String, width: Int) -> String {
  var lines: [String] = []
  var current = ""
  for word in text.split(separator: " ") {
    if !current.isEmpty && current.count + 1 + word.count > width {
      lines.append(current)
      current = ""
    }
    current += (current.isEmpty ? "" : " ") + word
  }
  lines.append(current)
  return lines.joined(separator: "\n")
}

extension SolverSettings {
  /// `lr=1.18e-05`: three significant digits, for the table's solver label.
  fileprivate var shortLabel: String {
    given.map { name in
      if case .number(let x) = self[name]! { return "\(name)=\(String(format: "%.3g", x))" }
      return "\(name)=\(self[name]!)"
    }.joined(separator: " ")
  }
}

/// `{"residual_norm", "residuals", "degrees_of_freedom", "residual_variance", "covariance",
/// "standard_errors"}`; the last three null when m ≤ n or J is rank-deficient.
private func fitJSON(_ fit: LeastSquaresFit) -> JSONValue {
  .object([
    ("residual_norm", .number(fit.residualNorm)),
    ("residuals", .int(fit.residualCount)),
    ("degrees_of_freedom", .int(fit.degreesOfFreedom)),
    ("residual_variance", .optional(fit.residualVariance)),
    ("covariance", fit.covariance.map { .array($0.map { .numbers($0) }) } ?? .null),
    ("standard_errors", fit.standardErrors.map { .numbers($0) } ?? .null),
  ])
}

private func settingJSON(_ value: SettingValue) -> JSONValue {
  switch value {
  case .number(let x): return .number(x)
  case .integer(let k): return .int(k)
  case .choice(let word): return .string(word)
  }
}

extension Array where Element: Hashable {
  func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
