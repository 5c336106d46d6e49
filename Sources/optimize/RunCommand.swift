import ArgumentParser
import Autodiff
import Foundation
import OptimizationCore
import Problems
import Runs
import Solvers

/// The main job: every selected solver from the same start(s), a comparison table, a CSV log
/// per run, `summary.csv` and plots under `<output>/<problem>/`.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run solvers side by side on a problem (the default command).")

  @OptionGroup var problemOptions: ProblemOptions

  @Option(
    name: .customLong("solver"),
    help: "Solvers to run: repeatable or comma-separated names, or `all` (the default).")
  var solverNames: [String] = []

  @Option(help: "Start point, e.g. \"-0.5,0.25\" (default: the problem's start).")
  var start: String?

  @Option(
    help: ArgumentHelp(
      "Lower bounds, replacing the problem's: one number for every variable or one per variable, comma-separated; -inf for none, e.g. \"0,-inf\".",
      valueName: "L"))
  var lower: String?

  @Option(
    help: ArgumentHelp(
      "Upper bounds, replacing the problem's, as --lower; inf for none, e.g. \"0.5,inf\".",
      valueName: "U"))
  var upper: String?

  @OptionGroup var stopping: StoppingOptions

  @Option(
    help:
      "Learning rate for sgd, momentum, nesterov (default auto: from the curvature at the start) and adam."
  )
  var lr: String?

  @Option(help: "Momentum coefficient μ in [0, 1) for momentum and nesterov.")
  var momentum: Double?

  @Option(
    name: .customLong("line-search"), help: "Line search for steepest-descent: armijo or wolfe.")
  var lineSearch: LineSearchChoice?

  @Option(
    name: .customLong("batch-size"), help: "Minibatch size for stochastic methods on data problems."
  )
  var batchSize: Int?

  @Option(
    name: .customLong("setting"),
    help: ArgumentHelp(
      "Any solver setting (see `optimize list`), e.g. --setting memory=5; repeatable.",
      valueName: "NAME=VALUE"))
  var settings: [String] = []

  @Option(help: "Arithmetic of the run: float32 or float64.")
  var precision: Precision = .float64

  @Option(help: "Directory for results; files go to <output>/<problem>/.")
  var output: String = "results"

  @Option(help: "Seed for random starts and minibatches.")
  var seed: UInt64 = 0

  @Option(help: "Number of random starts (in the plot bounds, or around the start).")
  var starts: Int = 1

  @Option(name: .customLong("log-every"), help: "Keep every K-th iteration in the logs.")
  var logEvery: Int = 1

  @Option(
    name: .customLong("log-coordinates"),
    help: "Most coordinates written per row of an iteration log (x[0], x[1], …).")
  var logCoordinates: Int = 20

  @Option(help: "What goes to standard output: table, json or csv.")
  var format: OutputFormat = .table

  @Flag(
    help:
      "No table, progress bar or notes; what --format json or csv asks for is still printed, and the files are still written."
  )
  var quiet = false

  @Flag(name: .customLong("no-plots"), help: "Do not draw SVG plots.")
  var noPlots = false

  /// The one resolved configuration of this run, validated.
  func configuration(dimension: Int) throws -> RunConfiguration {
    var c = RunConfiguration(solvers: try SolverSelection.names(solverNames))
    c.settings = try solverSettings()
    c.precision = precision
    c.start = try start.map { try parsePoint($0, option: "--start", dimension: dimension) }
    c.lower = try lower.map { try parseBounds($0, option: "--lower") }
    c.upper = try upper.map { try parseBounds($0, option: "--upper") }
    c.starts = starts
    c.seed = seed
    if let maxIterations = stopping.maxIterations { c.maxIterations = maxIterations }
    if let gtol = stopping.gtol { c.gradientTolerance = gtol }
    if let ftol = stopping.ftol { c.fTolerance = ftol }
    if let xtol = stopping.xtol { c.xTolerance = xtol }
    c.timeLimit = stopping.timeLimit
    c.logEvery = logEvery
    c.logCoordinates = logCoordinates
    c.output.directory = output
    c.output.format = format
    c.output.quiet = quiet
    c.output.plots = !noPlots
    try c.validate()
    return c
  }

  /// The settings given by the dedicated options and by `--setting NAME=VALUE`.
  func solverSettings() throws -> SolverSettings {
    var settings = SolverSettings()
    if let lr {
      guard let value = lr == "auto" ? SettingValue.choice(lr) : Double(lr).map(SettingValue.number)
      else { throw CommandFailure("--lr must be a positive number or auto, got '\(lr)'") }
      settings["lr"] = value
    }
    if let momentum { settings["momentum"] = .number(momentum) }
    if let lineSearch { settings["line-search"] = .choice(lineSearch.rawValue) }
    if let batchSize { settings["batch-size"] = .integer(batchSize) }
    for text in self.settings {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw CommandFailure("--setting expects NAME=VALUE, got '\(text)'")
      }
      guard let setting = SolverCatalog.allSettings.first(where: { $0.name == parts[0] }) else {
        let names = SolverCatalog.allSettings.map(\.name)
        let near = NameSuggestion.nearest(to: parts[0], among: names)
        let hint = near.isEmpty ? "" : " (did you mean \(near.joined(separator: ", "))?)"
        throw CommandFailure(
          "--setting: no solver has a setting '\(parts[0])'\(hint); settings: "
            + names.joined(separator: ", "))
      }
      do {
        settings[setting.name] = try setting.parse(parts[1])
      } catch {
        throw CommandFailure("--setting \(error)")
      }
    }
    return settings
  }

  func run() throws {
    let problem = try problemOptions.load()
    var configuration = try self.configuration(dimension: problem.dimension)
    // Least-squares methods need residuals: named on another problem they are an error; brought
    // in by `all` or `gsl` they are not applicable and not run.
    let notApplicable = configuration.solvers.filter {
      !SolverSelection.applies($0, toResidualProblem: problem.isResidual)
    }
    let explicit = SolverSelection.explicitNames(solverNames)
    if let named = notApplicable.first(where: explicit.contains) {
      throw CommandFailure(
        "\(named) is not applicable to \(problem.name): it needs a residual problem (`residuals` "
          + "and `loss`), and \(problem.name) gives an `objective` (`optimize list` shows which "
          + "solvers apply to which problems)")
    }
    configuration.solvers.removeAll { notApplicable.contains($0) }
    if configuration.solvers.isEmpty {
      throw CommandFailure("none of the selected solvers applies to \(problem.name)")
    }
    let bounds = try RunBounds.resolve(
      problem: problem, lower: configuration.lower, upper: configuration.upper)
    let selection = try RunBounds.select(
      configuration.solvers, requested: solverNames, bounded: bounds != nil, problem: problem.name)
    configuration.solvers = selection.kept
    let solvers = try configuration.makeSolvers()
    let firstStart = configuration.start ?? problem.start
    let startValue = problem.value(at: firstStart)
    guard startValue.isFinite else {
      throw CommandFailure(
        "\(problem.name): f is not finite at the start \(formatPoint(firstStart)) (f = \(startValue))"
      )
    }
    let startPoints = StartPoints.make(
      count: starts, first: firstStart, explicitStart: start != nil, problem: problem, seed: seed)
    let directory = URL(fileURLWithPath: output).appendingPathComponent(problem.name)
    let lease = try OutputDirectory.prepare(directory)
    lease.removePreviousRun()

    InterruptHandler.install()
    let session = RunSession(
      problem: problem, solvers: solvers, starts: startPoints, directory: directory,
      configuration: configuration, bounds: bounds, leftOut: selection.leftOut)
    let report: RunReport
    switch precision {
    case .float64: report = session.execute(Double.self)
    case .float32: report = session.execute(Float.self)
    }
    try report.writeFiles(drawPlots: !noPlots)
    try lease.recordFiles(report.writtenFiles(drawPlots: !noPlots))
    // --quiet silences what a person reads, not what a script asked for.
    if !quiet || format != .table { report.show(format: format) }
    // A signal during the files or the plots counts as much as one during a run.
    if report.wasInterrupted || Interruption.isRequested {
      throw CommandFailure(
        "interrupted; finished runs were written to \(directory.path)", exitCode: 130)
    }
  }
}

extension OutputFormat: ExpressibleByArgument {}
extension Precision: ExpressibleByArgument {}

enum LineSearchChoice: String, ExpressibleByArgument, CaseIterable {
  case armijo, wolfe
}

/// Parses bounds written as `0.5,inf`, `-inf,0` or `[0, 1]`; one number stands for every
/// variable. `inf`, `-inf` (and `infinity`) mean unbounded; NaN is refused.
func parseBounds(_ text: String, option: String) throws -> [Double] {
  let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
  let fields = trimmed.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
  guard !fields.isEmpty else { throw CommandFailure("\(option) needs at least one number") }
  return try fields.map { field in
    guard let value = Double(field.lowercased()), !value.isNaN else {
      throw CommandFailure("\(option): '\(field)' is not a number (inf and -inf mean unbounded)")
    }
    return value
  }
}

func formatPoint(_ x: [Double]) -> String {
  "(" + x.prefix(6).map { "\($0)" }.joined(separator: ", ") + (x.count > 6 ? ", …" : "") + ")"
}
