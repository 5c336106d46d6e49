/// Moré and Wild's data profile ("Benchmarking derivative-free optimization algorithms", SIAM
/// J. Optim. 20, 2009) for one target level.
///
/// d_s(κ) is the fraction of instances that solver s solved within κ·(n_p + 1) evaluations,
/// n_p the instance's number of variables: the cost t(p, s) in evaluations is measured in units
/// of n_p + 1, the evaluations a forward-difference gradient takes, so instances of different
/// sizes weigh alike. Unlike the performance profile it does not depend on the other solvers.
public struct DataProfile: Sendable {
  public let target: Double
  public let solvers: [String]
  public let instances: [String]
  /// kappas[instance][solver] = t(p, s) / (n_p + 1); +∞ where the solver failed.
  public let kappas: [[Double]]
  /// steps[solver]: the breakpoints of d_s, one per distinct finite κ; empty for a solver that
  /// solved nothing (its profile is 0 everywhere).
  public let steps: [[ProfileStep]]

  public init(table: SweepCostTable, target: Int) throws {
    let costs = try table.costs(target: target, cost: .evaluations)
    let kappas = zip(costs, table.dimensions).map { row, n in row.map { $0 / Double(n + 1) } }
    let instanceCount = costs.count
    steps = table.solvers.indices.map { s in
      ProfileStep.cumulative(kappas.map { $0[s] }, total: instanceCount)
    }
    self.kappas = kappas
    self.target = table.targets[target]
    self.solvers = table.solvers
    self.instances = table.instances
  }

  /// d_s(κ).
  public func fraction(solver: Int, kappa: Double) -> Double {
    ProfileStep.value(of: steps[solver], at: kappa)
  }
}
