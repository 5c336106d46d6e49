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
    var builder = try Builder(targets: targets)
    for outcome in outcomes { try builder.add(outcome) }
    self = try builder.table()
  }

  fileprivate init(
    targets: [Double], instances: [String], dimensions: [Int], solvers: [String],
    table: [ProfileCost: [[[Double]]]]
  ) {
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
}

extension SweepCostTable {
  /// Collects a table one run at a time, keeping of each run only its instance, its solver and
  /// its costs to each target (no history), so that a sweep's runs can be read from its store
  /// one by one rather than all held at once.
  public struct Builder: Sendable {
    public let targets: [Double]
    private var instances: [String] = []
    private var instanceIndex: [String: Int] = [:]
    private var dimensions: [Int] = []
    private var solvers: [String] = []
    private var solverIndex: [String: Int] = [:]
    /// Per run: its instance and solver indices.
    private var pairs: [(instance: Int32, solver: Int32)] = []
    /// Per run, 2 × targets.count numbers: the evaluations to each target, then the seconds;
    /// +∞ where the run missed it.
    private var costs: [Double] = []

    public init(targets: [Double]) throws {
      guard !targets.isEmpty else { throw ProfileError.noTargets }
      for target in targets where !(target.isFinite && target > 0) {
        throw ProfileError.invalidTarget(target)
      }
      self.targets = targets
    }

    /// The runs added so far.
    public var count: Int { pairs.count }

    /// Adds one run; its history, if any, is not kept.
    public mutating func add(_ outcome: SweepOutcome) throws {
      try Self.validate(outcome, targets: targets)
      let p: Int
      if let known = instanceIndex[outcome.instance] {
        guard dimensions[known] == outcome.dimension else {
          throw ProfileError.invalidDimension(
            instance: outcome.instance, dimension: outcome.dimension)
        }
        p = known
      } else {
        p = instances.count
        instanceIndex[outcome.instance] = p
        instances.append(outcome.instance)
        dimensions.append(outcome.dimension)
      }
      let s: Int
      if let known = solverIndex[outcome.solver] {
        s = known
      } else {
        s = solvers.count
        solverIndex[outcome.solver] = s
        solvers.append(outcome.solver)
      }
      pairs.append((Int32(p), Int32(s)))
      costs += outcome.evaluationsToTarget.map { $0.map(Double.init) ?? .infinity }
      costs += outcome.secondsToTarget.map { $0 ?? .infinity }
    }

    /// The table of the runs added; throws `ProfileError.noOutcomes` when there are none.
    public func table() throws -> SweepCostTable {
      guard !pairs.isEmpty else { throw ProfileError.noOutcomes }
      let k = targets.count
      // The runs of each (instance, solver) pair, gathered by a counting sort on the pair.
      let cellCount = instances.count * solvers.count
      var starts = [Int](repeating: 0, count: cellCount + 1)
      for pair in pairs { starts[Int(pair.instance) * solvers.count + Int(pair.solver) + 1] += 1 }
      for c in 0..<cellCount { starts[c + 1] += starts[c] }
      var next = starts
      var order = [Int](repeating: 0, count: pairs.count)
      for (run, pair) in pairs.enumerated() {
        let cell = Int(pair.instance) * solvers.count + Int(pair.solver)
        order[next[cell]] = run
        next[cell] += 1
      }
      var table: [ProfileCost: [[[Double]]]] = [:]
      for (c, cost) in ProfileCost.allCases.enumerated() {
        table[cost] = (0..<k).map { target in
          (0..<instances.count).map { p in
            (0..<solvers.count).map { s in
              let cell = p * solvers.count + s
              return SweepCostTable.median(
                order[starts[cell]..<starts[cell + 1]].map { costs[$0 * 2 * k + c * k + target] })
            }
          }
        }
      }
      return SweepCostTable(
        targets: targets, instances: instances, dimensions: dimensions, solvers: solvers,
        table: table)
    }

    private static func validate(_ outcome: SweepOutcome, targets: [Double]) throws {
      let (instance, solver) = (outcome.instance, outcome.solver)
      for count in [outcome.evaluationsToTarget.count, outcome.secondsToTarget.count]
      where count != targets.count {
        throw ProfileError.targetCountMismatch(
          instance: instance, solver: solver, expected: targets.count, found: count)
      }
      guard outcome.dimension >= 1 else {
        throw ProfileError.invalidDimension(instance: instance, dimension: outcome.dimension)
      }
      for k in targets.indices {
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
}
