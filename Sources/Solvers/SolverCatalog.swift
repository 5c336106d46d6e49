import Autodiff
import OptimizationCore

/// The command-line knobs of the methods; nil means the method's default. A knob given to a
/// method that does not use it is an error (so a typo'd command line is never silently ignored).
public struct SolverSettings: Sendable, Equatable {
  public var learningRate: Double?
  public var momentum: Double?
  public var dampening: Double?
  public var lineSearch: LineSearchKind?
  public var batchSize: Int?
  /// L-BFGS memory m.
  public var memory: Int?
  public var beta1: Double?
  public var beta2: Double?
  public var epsilon: Double?
  /// Initial trust radius Δ₀.
  public var trustRadius: Double?

  public init(
    learningRate: Double? = nil, momentum: Double? = nil, dampening: Double? = nil,
    lineSearch: LineSearchKind? = nil, batchSize: Int? = nil, memory: Int? = nil,
    beta1: Double? = nil, beta2: Double? = nil, epsilon: Double? = nil, trustRadius: Double? = nil
  ) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.lineSearch = lineSearch
    self.batchSize = batchSize
    self.memory = memory
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.trustRadius = trustRadius
  }

  /// The names of the knobs that are set.
  /// The same settings with only the named ones kept (names as in `SolverCatalog.settingNames`).
  public func keeping(_ names: Set<String>) -> SolverSettings {
    var kept = SolverSettings()
    if names.contains("learning-rate") { kept.learningRate = learningRate }
    if names.contains("momentum") { kept.momentum = momentum }
    if names.contains("dampening") { kept.dampening = dampening }
    if names.contains("line-search") { kept.lineSearch = lineSearch }
    if names.contains("batch-size") { kept.batchSize = batchSize }
    if names.contains("memory") { kept.memory = memory }
    if names.contains("beta1") { kept.beta1 = beta1 }
    if names.contains("beta2") { kept.beta2 = beta2 }
    if names.contains("epsilon") { kept.epsilon = epsilon }
    if names.contains("trust-radius") { kept.trustRadius = trustRadius }
    return kept
  }

  /// The names of the settings that were given.
  public var given: [String] {
    var names: [String] = []
    if learningRate != nil { names.append("learning-rate") }
    if momentum != nil { names.append("momentum") }
    if dampening != nil { names.append("dampening") }
    if lineSearch != nil { names.append("line-search") }
    if batchSize != nil { names.append("batch-size") }
    if memory != nil { names.append("memory") }
    if beta1 != nil { names.append("beta1") }
    if beta2 != nil { names.append("beta2") }
    if epsilon != nil { names.append("epsilon") }
    if trustRadius != nil { names.append("trust-radius") }
    return names
  }
}

/// A solver name or setting the catalog cannot accept; the message says what is wrong.
public struct SolverCatalogError: Error, CustomStringConvertible, Sendable {
  public let description: String
}

/// Every method of this module by its stable name.
public enum SolverCatalog {
  public static var names: [String] {
    [
      "steepest-descent", "newton", "newton-trust-region", "sgd", "momentum", "nesterov", "adam",
      "bfgs", "lbfgs", "cg-pr", "cg-fr", "nelder-mead",
    ]
  }

  /// Every method with its defaults.
  /// The settings a method uses; empty for an unknown name.
  public static func settingNames(for name: String) -> Set<String> {
    switch name {
    case "steepest-descent": return ["line-search"]
    case "newton-trust-region": return ["trust-radius"]
    case "sgd": return ["learning-rate", "batch-size"]
    case "momentum", "nesterov": return ["learning-rate", "momentum", "dampening", "batch-size"]
    case "adam": return ["learning-rate", "beta1", "beta2", "epsilon", "batch-size"]
    case "lbfgs": return ["memory"]
    default: return []
    }
  }

  public static var all: [any Solver] {
    names.compactMap { try? make($0, settings: SolverSettings()) }
  }

  /// The method called `name`, configured by `settings`.
  public static func make(_ name: String, settings: SolverSettings = SolverSettings())
    throws(SolverCatalogError) -> any Solver
  {
    let s = settings
    let solver: any Solver
    switch name {
    case "steepest-descent":
      solver = SteepestDescent(lineSearch: s.lineSearch ?? .wolfe)
    case "newton":
      solver = Newton()
    case "newton-trust-region":
      solver = NewtonTrustRegion(initialRadius: s.trustRadius ?? 1)
    case "sgd":
      solver = SGD(learningRate: s.learningRate ?? 0.45, batchSize: s.batchSize)
    case "momentum", "nesterov":
      let m = Momentum(
        learningRate: s.learningRate ?? 0.1, momentum: s.momentum ?? 0.9,
        dampening: s.dampening ?? 0, nesterov: name == "nesterov", batchSize: s.batchSize)
      if let problem = m.settingsProblem { throw SolverCatalogError(description: problem) }
      solver = m
    case "adam":
      solver = Adam(
        learningRate: s.learningRate ?? 0.01, beta1: s.beta1 ?? 0.9, beta2: s.beta2 ?? 0.999,
        epsilon: s.epsilon ?? 1e-8, batchSize: s.batchSize)
    case "bfgs":
      solver = BFGS()
    case "lbfgs":
      solver = LBFGS(memory: s.memory ?? 10)
    case "cg-pr":
      solver = ConjugateGradient(formula: .polakRibiere)
    case "cg-fr":
      solver = ConjugateGradient(formula: .fletcherReeves)
    case "nelder-mead":
      solver = NelderMead()
    default:
      throw SolverCatalogError(
        description: "unknown solver '\(name)'; the solvers are: \(names.joined(separator: ", "))")
    }
    let accepted = settingNames(for: name)
    let unused = s.given.filter { !accepted.contains($0) }
    if !unused.isEmpty {
      let uses = accepted.isEmpty ? "none" : accepted.sorted().joined(separator: ", ")
      throw SolverCatalogError(
        description:
          "\(name) does not use \(unused.joined(separator: ", ")) (its settings: \(uses))")
    }
    try validate(s)
    return solver
  }

  private static func validate(_ s: SolverSettings) throws(SolverCatalogError) {
    func positive(_ value: Double?, _ what: String) throws(SolverCatalogError) {
      if let value, !(value > 0 && value.isFinite) {
        throw SolverCatalogError(description: "\(what) must be a positive number, not \(value)")
      }
    }
    try positive(s.learningRate, "learning-rate")
    try positive(s.epsilon, "epsilon")
    try positive(s.trustRadius, "trust-radius")
    if let d = s.dampening, !(d >= 0 && d <= 1) {
      throw SolverCatalogError(description: "dampening must lie in [0, 1], not \(d)")
    }
    for (value, what) in [(s.momentum, "momentum"), (s.beta1, "beta1"), (s.beta2, "beta2")] {
      if let value, !(value >= 0 && value < 1) {
        throw SolverCatalogError(description: "\(what) must lie in [0, 1), not \(value)")
      }
    }
    if let b = s.batchSize, b < 1 {
      throw SolverCatalogError(description: "batch-size must be at least 1, not \(b)")
    }
    if let m = s.memory, m < 1 {
      throw SolverCatalogError(description: "memory must be at least 1, not \(m)")
    }
  }
}
