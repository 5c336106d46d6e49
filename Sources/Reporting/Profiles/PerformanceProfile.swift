/// Dolan and Moré's performance profile ("Benchmarking optimization software with performance
/// profiles", Math. Programming 91, 2002) for one target level and one cost.
///
/// With t(p, s) the cost solver s paid to reach the target on instance p, the ratio
/// r(p, s) = t(p, s) / min over solvers of t(p, s), +∞ when s failed (and for every solver on an
/// instance nobody solved, which so counts against all). ρ_s(τ) is the fraction of instances
/// with r(p, s) ≤ τ, for τ ≥ 1: ρ_s(1) is how often s was (one of) the cheapest, and ρ_s(τ) for
/// large τ how often it reached the target at all. Costs below `cost.floor` are raised to it
/// before the ratios are taken. Solvers that tie share the ratio 1.
public struct PerformanceProfile: Sendable {
  public let target: Double
  public let cost: ProfileCost
  public let solvers: [String]
  public let instances: [String]
  /// ratios[instance][solver]; +∞ where the solver failed.
  public let ratios: [[Double]]
  /// steps[solver]: the breakpoints of ρ_s, the first at τ = 1 (with fraction 0 when the solver
  /// was never the cheapest).
  public let steps: [[ProfileStep]]

  public init(table: SweepCostTable, target: Int, cost: ProfileCost) throws {
    let costs = try table.costs(target: target, cost: cost)
    let floor = cost.floor
    let ratios = costs.map { row in
      let raised = row.map { $0.isFinite ? Swift.max($0, floor) : $0 }
      let best = raised.min() ?? .infinity
      return raised.map { best.isFinite ? $0 / best : .infinity }
    }
    let instanceCount = costs.count
    steps = table.solvers.indices.map { s in
      let jumps = ProfileStep.cumulative(ratios.map { $0[s] }, total: instanceCount)
      return jumps.first?.x == 1 ? jumps : [ProfileStep(x: 1, fraction: 0)] + jumps
    }
    self.ratios = ratios
    self.target = table.targets[target]
    self.cost = cost
    self.solvers = table.solvers
    self.instances = table.instances
  }

  /// ρ_s(τ).
  public func fraction(solver: Int, tau: Double) -> Double {
    ProfileStep.value(of: steps[solver], at: tau)
  }

  /// The largest finite ratio of any solver; 1 when there is none.
  public var largestRatio: Double {
    ratios.joined().filter(\.isFinite).max() ?? 1
  }
}
