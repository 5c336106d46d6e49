import ArgumentParser
import Autodiff
import Foundation
import OptimizationCore
import Problems
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

  @Option(name: .customLong("max-iter"), help: "Maximum iterations per run (default 1000).")
  var maxIterations: Int?

  @Option(help: "Gradient tolerance: stop when ‖∇f‖∞ ≤ gtol (default 1e-8).")
  var gtol: Double?

  @Option(help: "f tolerance: stop when |Δf| ≤ ftol·(|f| + ftol) (default off).")
  var ftol: Double?

  @Option(help: "x tolerance: stop when ‖Δx‖∞ ≤ xtol·(1 + ‖x‖∞) (default off).")
  var xtol: Double?

  @Option(name: .customLong("time-limit"), help: "Seconds allowed per run.")
  var timeLimit: Double?

  @Option(help: "Learning rate for sgd, momentum, nesterov and adam.")
  var lr: Double?

  @Option(help: "Momentum coefficient μ in [0, 1) for momentum and nesterov.")
  var momentum: Double?

  @Option(
    name: .customLong("line-search"), help: "Line search for steepest-descent: armijo or wolfe.")
  var lineSearch: LineSearchChoice?

  @Option(
    name: .customLong("batch-size"), help: "Minibatch size for stochastic methods on data problems."
  )
  var batchSize: Int?

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

  @Flag(help: "Print nothing but errors (files are still written).")
  var quiet = false

  @Flag(name: .customLong("no-plots"), help: "Do not draw SVG plots.")
  var noPlots = false

  func validate() throws {
    func positive(_ value: Double?, _ name: String) throws {
      if let value, !(value > 0 && value.isFinite) {
        throw ValidationError("\(name) must be a positive number, got \(value)")
      }
    }
    func nonNegative(_ value: Double?, _ name: String) throws {
      if let value, !(value >= 0 && value.isFinite) {
        throw ValidationError("\(name) must be a non-negative number, got \(value)")
      }
    }
    try positive(lr, "--lr")
    try positive(timeLimit, "--time-limit")
    try nonNegative(gtol, "--gtol")
    try nonNegative(ftol, "--ftol")
    try nonNegative(xtol, "--xtol")
    if let momentum, !(momentum >= 0 && momentum < 1) {
      throw ValidationError("--momentum must be in [0, 1), got \(momentum)")
    }
    if let maxIterations, maxIterations <= 0 {
      throw ValidationError("--max-iter must be a positive integer, got \(maxIterations)")
    }
    if let batchSize, batchSize <= 0 {
      throw ValidationError("--batch-size must be a positive integer, got \(batchSize)")
    }
    if starts <= 0 { throw ValidationError("--starts must be a positive integer, got \(starts)") }
    if logEvery <= 0 {
      throw ValidationError("--log-every must be a positive integer, got \(logEvery)")
    }
    if logCoordinates < 0 {
      throw ValidationError("--log-coordinates must be non-negative, got \(logCoordinates)")
    }
  }

  func run() throws {
    let problem = try problemOptions.load()
    let solvers = try SolverSelection.resolve(solverNames, settings: solverSettings)
    let firstStart =
      try start.map { try parsePoint($0, option: "--start", dimension: problem.dimension) }
      ?? problem.start
    let startValue = problem.value(at: firstStart)
    guard startValue.isFinite else {
      throw CommandFailure(
        "\(problem.name): f is not finite at the start \(formatPoint(firstStart)) (f = \(startValue))"
      )
    }
    let startPoints = StartPoints.make(
      count: starts, first: firstStart, explicitStart: start != nil, problem: problem, seed: seed)
    let directory = URL(fileURLWithPath: output).appendingPathComponent(problem.name)
    try OutputDirectory.prepare(directory)

    InterruptHandler.install()
    let session = RunSession(
      problem: problem, solvers: solvers, starts: startPoints, directory: directory,
      configuration: self)
    let report: RunReport
    switch precision {
    case .float64: report = session.execute(Double.self)
    case .float32: report = session.execute(Float.self)
    }
    try report.writeFiles(drawPlots: !noPlots)
    if !quiet { report.print(format: format) }
    if report.wasInterrupted {
      throw CommandFailure(
        "interrupted; finished runs were written to \(directory.path)", exitCode: 130)
    }
  }

  var solverSettings: SolverSettings {
    var settings = SolverSettings()
    settings.learningRate = lr
    settings.momentum = momentum
    settings.lineSearch = lineSearch?.kind
    settings.batchSize = batchSize
    return settings
  }

  func solverOptions<T: SolverScalar>(_: T.Type) -> SolverOptions<T> {
    var options = SolverOptions<T>()
    if let maxIterations { options.maxIterations = maxIterations }
    if let gtol { options.gradientTolerance = T(gtol) }
    if let ftol { options.fTolerance = T(ftol) }
    if let xtol { options.xTolerance = T(xtol) }
    options.timeLimit = timeLimit
    options.traceEvery = logEvery
    // Logs show at most `logCoordinates` of x; keeping more would cost memory at large n.
    options.traceCoordinateLimit = max(logCoordinates, 2)
    options.seed = seed
    return options
  }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
}

enum LineSearchChoice: String, ExpressibleByArgument, CaseIterable {
  case armijo, wolfe

  var kind: LineSearchKind {
    switch self {
    case .armijo: return .armijo
    case .wolfe: return .wolfe
    }
  }
}

func formatPoint(_ x: [Double]) -> String {
  "(" + x.prefix(6).map { "\($0)" }.joined(separator: ", ") + (x.count > 6 ? ", …" : "") + ")"
}
