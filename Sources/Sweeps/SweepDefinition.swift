import Foundation
import Runs
import Solvers

/// Everything that decides which runs a sweep makes and what each computes: the product of
/// problem instances, solver configurations, starts and repetitions, with the options every
/// run shares. Its canonical JSON text, and that text's hash, identify the sweep: a folder
/// holds the results of one definition only.
public struct SweepDefinition: Codable, Sendable, Equatable {
  /// A problem with one set of parameter values.
  public struct ProblemInstance: Codable, Sendable, Hashable {
    /// A built-in name (`mgh/watson`) or a file path as given.
    public var problem: String
    public var parameters: [String: Double]
    public init(problem: String, parameters: [String: Double] = [:]) {
      self.problem = problem
      self.parameters = parameters
    }
  }

  /// A solver with one set of setting values.
  public struct SolverConfiguration: Codable, Sendable, Hashable {
    public var solver: String
    public var settings: SolverSettings
    public init(solver: String, settings: SolverSettings = SolverSettings()) {
      self.solver = solver
      self.settings = settings
    }
    /// `sgd` or `sgd lr=0.01`: how tables, profiles and run keys name it.
    public var label: String {
      settings.given.isEmpty ? solver : "\(solver) \(settings.label)"
    }
  }

  public var problems: [ProblemInstance]
  public var solvers: [SolverConfiguration]
  /// Random starts beside each problem's own (start index 0).
  public var randomStarts = 0
  public var seed: UInt64 = 0
  /// Runs of each (instance, solver, start), for timing; results agree except in time.
  public var repetitions = 1
  /// Target levels ε of the Moré–Wild test f(x) − f* ≤ ε·(f(x₀) − f*).
  public var targets: [Double] = [1e-1, 1e-3, 1e-5, 1e-7]
  /// Options every run shares (solvers, settings, starts and output inside are unused).
  public var maxIterations = RunConfiguration(solvers: []).maxIterations
  public var gradientTolerance = RunConfiguration(solvers: []).gradientTolerance
  public var fTolerance = 0.0
  public var xTolerance = 0.0
  public var timeLimit: Double?
  public var precision = Precision.float64

  public init(problems: [ProblemInstance], solvers: [SolverConfiguration]) {
    self.problems = problems
    self.solvers = solvers
  }

  /// The JSON text that identifies the definition: sorted keys, no whitespace.
  public var canonicalText: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }

  /// Checks the values that cannot be checked by the types.
  public func validate() throws(SweepError) {
    func require(_ ok: Bool, _ message: @autoclosure () -> String) throws(SweepError) {
      if !ok { throw SweepError(message()) }
    }
    try require(!problems.isEmpty, "the sweep has no problems")
    try require(!solvers.isEmpty, "the sweep has no solvers")
    try require(randomStarts >= 0, "starts must be non-negative, got \(randomStarts)")
    try require(
      randomStarts <= Self.largestCount, "starts must be at most \(Self.largestCount)")
    try require(repetitions >= 1, "repetitions must be at least 1, got \(repetitions)")
    try require(
      repetitions <= Self.largestCount, "repetitions must be at most \(Self.largestCount)")
    try require(!targets.isEmpty, "targets must list at least one level")
    for target in targets {
      try require(
        target > 0 && target < 1, "each target must lie strictly between 0 and 1, got \(target)")
    }
    var configuration = runConfiguration(solver: solvers[0])
    for solver in solvers {
      configuration.solvers = [solver.solver]
      configuration.settings = solver.settings
      do {
        try configuration.validate()
      } catch {
        throw SweepError("solver \(solver.label): \(error)")
      }
    }
    let runs = problems.count * solvers.count * (randomStarts + 1) * repetitions
    try require(
      runs <= Self.largestRunCount,
      "the sweep has \(runs) runs; at most \(Self.largestRunCount) are accepted")
  }

  /// Starts and repetitions beyond this are refused before anything runs.
  public static let largestCount = 100_000
  public static let largestRunCount = 10_000_000

  /// The single-run configuration of one solver configuration in this sweep.
  public func runConfiguration(solver: SolverConfiguration) -> RunConfiguration {
    var c = RunConfiguration(solvers: [solver.solver])
    c.settings = solver.settings
    c.precision = precision
    c.seed = seed
    c.maxIterations = maxIterations
    c.gradientTolerance = gradientTolerance
    c.fTolerance = fTolerance
    c.xTolerance = xTolerance
    c.timeLimit = timeLimit
    c.output.quiet = true
    c.output.plots = false
    return c
  }
}

extension SweepDefinition {
  /// SHA-256 of a canonical text, in hex.
  public static func hash(_ canonicalText: String) -> String { SHA256.hex(canonicalText) }

  /// A definition read back from its canonical text.
  public static func decode(_ text: String) throws(SweepError) -> SweepDefinition {
    try SweepDefinitionText.decode(text)
  }
}
