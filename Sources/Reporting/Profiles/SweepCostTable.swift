/// The cost each solver paid to reach each target on each instance, one number per
/// (instance, solver) pair, from a sweep's runs.
///
/// Repeated runs of the same pair are combined by the median of their costs, a run that missed
/// the target counting as +∞. So a pair counts as solved exactly when more than half of its runs
/// reached the target (an even split counts as failed), and each failure pulls the median up. A
/// pair with no run at all counts as failed. Instances and solvers keep the order in which they
/// first appear among the runs.
public struct SweepCostTable: Sendable {
  public let targets: [Double]
  public let instances: [String]
  /// The number of variables of each instance, in the order of `instances`.
  public let dimensions: [Int]
  public let solvers: [String]
  /// [cost][target][instance][solver]; +∞ where the pair did not reach the target.
  private let table: [ProfileCost: [[[Double]]]]

  public init(outcomes: [SweepOutcome], targets: [Double]) throws {
    guard !outcomes.isEmpty else { throw ProfileError.noOutcomes }
    guard !targets.isEmpty else { throw ProfileError.noTargets }
    for target in targets where !(target.isFinite && target > 0) {
      throw ProfileError.invalidTarget(target)
    }
    var instances: [String] = []
    var instanceIndex: [String: Int] = [:]
    var dimensions: [Int] = []
    var solvers: [String] = []
    var solverIndex: [String: Int] = [:]
    for outcome in outcomes {
      try Self.validate(outcome, targetCount: targets.count, targets: targets)
      if let p = instanceIndex[outcome.instance] {
        guard dimensions[p] == outcome.dimension else {
          throw ProfileError.invalidDimension(
            instance: outcome.instance, dimension: outcome.dimension)
        }
      } else {
        instanceIndex[outcome.instance] = instances.count
        instances.append(outcome.instance)
        dimensions.append(outcome.dimension)
      }
      if solverIndex[outcome.solver] == nil {
        solverIndex[outcome.solver] = solvers.count
        solvers.append(outcome.solver)
      }
    }

    var table: [ProfileCost: [[[Double]]]] = [:]
    for cost in ProfileCost.allCases {
      // runs[target][instance][solver]: the costs of every repetition.
      var runs = Array(
        repeating: Array(
          repeating: Array(repeating: [Double](), count: solvers.count), count: instances.count),
        count: targets.count)
      for outcome in outcomes {
        let p = instanceIndex[outcome.instance]!
        let s = solverIndex[outcome.solver]!
        for k in targets.indices {
          let value: Double? =
            switch cost {
            case .evaluations: outcome.evaluationsToTarget[k].map(Double.init)
            case .seconds: outcome.secondsToTarget[k]
            }
          runs[k][p][s].append(value ?? .infinity)
        }
      }
      table[cost] = runs.map { $0.map { $0.map(Self.median) } }
    }
    self.targets = targets
    self.instances = instances
    self.dimensions = dimensions
    self.solvers = solvers
    self.table = table
  }

  /// costs[instance][solver] for the target with index `target`; +∞ where not reached.
  public func costs(target: Int, cost: ProfileCost) throws -> [[Double]] {
    guard targets.indices.contains(target) else { throw ProfileError.targetIndexOutOfRange(target) }
    return table[cost]![target]
  }

  /// The median; +∞ for no values. The mean of the two middle values for an even count, which
  /// is +∞ when either is.
  static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .infinity }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    if sorted.count % 2 == 1 { return sorted[middle] }
    let (a, b) = (sorted[middle - 1], sorted[middle])
    return b.isInfinite ? .infinity : a / 2 + b / 2
  }

  private static func validate(_ outcome: SweepOutcome, targetCount: Int, targets: [Double]) throws
  {
    let (instance, solver) = (outcome.instance, outcome.solver)
    for count in [outcome.evaluationsToTarget.count, outcome.secondsToTarget.count]
    where count != targetCount {
      throw ProfileError.targetCountMismatch(
        instance: instance, solver: solver, expected: targetCount, found: count)
    }
    guard outcome.dimension >= 1 else {
      throw ProfileError.invalidDimension(instance: instance, dimension: outcome.dimension)
    }
    for k in 0..<targetCount {
      let evaluations = outcome.evaluationsToTarget[k]
      let seconds = outcome.secondsToTarget[k]
      guard (evaluations == nil) == (seconds == nil) else {
        throw ProfileError.inconsistentSuccess(
          instance: instance, solver: solver, target: targets[k])
      }
      for value in [evaluations.map(Double.init), seconds].compactMap({ $0 })
      where !(value.isFinite && value >= 0) {
        throw ProfileError.invalidCost(instance: instance, solver: solver, value: value)
      }
    }
  }
}
