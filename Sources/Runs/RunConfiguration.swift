import Autodiff
import OptimizationCore
import Solvers

/// The arithmetic of a run.
public enum Precision: String, Codable, CaseIterable, Sendable {
  case float32, float64
}

/// What goes to standard output.
public enum OutputFormat: String, Codable, CaseIterable, Sendable {
  case table, json, csv
}

/// A bad configuration; the message names the option and the value.
public struct RunConfigurationError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// Everything that decides what a run does, resolved from the command line (or a sweep file)
/// once, validated once, and passed down to the run machinery and into the results. Encoded
/// with `Codable`, it is the `options` document of the JSON output and part of a sweep's
/// definition.
public struct RunConfiguration: Codable, Sendable, Equatable {
  /// Solver names, resolved (`all` and `gsl` expanded).
  public var solvers: [String]
  /// The solver settings given; each solver reads the ones it declares.
  public var settings = SolverSettings()
  public var precision = Precision.float64
  /// An explicit start point; nil is the problem's own.
  public var start: [Double]?
  /// `--lower` and `--upper`: each replaces one side of the problem's bounds (one number for
  /// every variable, or one per variable; nil keeps the problem's). See `RunBounds`.
  public var lower: [Double]?
  public var upper: [Double]?
  /// Number of starts: the first, then random ones (see `StartPoints`).
  public var starts = 1
  public var seed: UInt64 = 0
  public var maxIterations = SolverOptions<Double>().maxIterations
  public var gradientTolerance = SolverOptions<Double>().gradientTolerance
  public var fTolerance = SolverOptions<Double>().fTolerance
  public var xTolerance = SolverOptions<Double>().xTolerance
  public var timeLimit: Double?
  /// Keep every K-th iteration in logs and traces.
  public var logEvery = 1
  /// At most this many coordinates of x per log row.
  public var logCoordinates = 20
  public var output = OutputSettings()

  /// Where and how results are shown; no effect on what the solvers compute.
  public struct OutputSettings: Codable, Sendable, Equatable {
    public var directory = "results"
    public var format = OutputFormat.table
    public var quiet = false
    public var plots = true
    public init() {}
  }

  public init(solvers: [String]) { self.solvers = solvers }

  /// Each start writes a log per solver; beyond this a run is refused before it starts.
  public static let largestStartCount = 100_000

  /// Checks every value and that the solvers accept the settings; the first problem found is
  /// thrown, naming the command-line option.
  public func validate() throws(RunConfigurationError) {
    func require(_ ok: Bool, _ message: @autoclosure () -> String) throws(RunConfigurationError) {
      if !ok { throw RunConfigurationError(message()) }
    }
    try require(
      maxIterations > 0, "--max-iter must be a positive integer, got \(maxIterations)")
    for (value, name) in [
      (gradientTolerance, "--gtol"), (fTolerance, "--ftol"), (xTolerance, "--xtol"),
    ] {
      try require(
        value >= 0 && value.isFinite, "\(name) must be a non-negative number, got \(value)")
    }
    if let timeLimit {
      try require(
        timeLimit > 0 && timeLimit.isFinite,
        "--time-limit must be a positive number, got \(timeLimit)")
    }
    try require(starts > 0, "--starts must be a positive integer, got \(starts)")
    try require(
      starts <= Self.largestStartCount,
      "--starts must be at most \(Self.largestStartCount), got \(starts)")
    try require(logEvery > 0, "--log-every must be a positive integer, got \(logEvery)")
    try require(
      logCoordinates >= 0, "--log-coordinates must be non-negative, got \(logCoordinates)")
    if let start {
      try require(
        start.allSatisfy(\.isFinite), "--start must hold finite numbers, got \(start)")
    }
    for (values, name) in [(lower, "--lower"), (upper, "--upper")] {
      if let values {
        try require(
          !values.isEmpty && !values.contains(where: \.isNaN), "\(name) must hold numbers")
      }
    }
    try SolverSelection.validate(solvers, settings: settings)
  }

  /// The solvers, configured.
  public func makeSolvers() throws(RunConfigurationError) -> [any Solver] {
    try SolverSelection.make(solvers, settings: settings)
  }

  /// The options every solver of the run gets, in precision T.
  public func solverOptions<T: SolverScalar>(_: T.Type) -> SolverOptions<T> {
    var options = SolverOptions<T>()
    options.maxIterations = maxIterations
    options.gradientTolerance = T(gradientTolerance)
    options.fTolerance = T(fTolerance)
    options.xTolerance = T(xTolerance)
    options.timeLimit = timeLimit
    options.traceEvery = logEvery
    // Logs show at most `logCoordinates` of x; keeping more would cost memory at large n.
    options.traceCoordinateLimit = max(logCoordinates, 2)
    options.seed = seed
    return options
  }
}
