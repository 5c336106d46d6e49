import Foundation

@testable import Reporting

/// A made-up but plausible sweep: solvers that converge linearly at their own rates, some
/// stalling above the minimum on some instances; targets and costs derived from each history as
/// the sweep would derive them. Deterministic (its own linear congruential generator).
enum FakeSweep {
  static let targets = [1e-1, 1e-3, 1e-6]

  struct Generator {
    var state: UInt64
    mutating func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
  }

  static func outcomes(solvers: [String], instanceCount: Int) -> [SweepOutcome] {
    var random = Generator(state: 42)
    let dimensions = [2, 4, 9, 20, 50]
    var outcomes: [SweepOutcome] = []
    for p in 0..<instanceCount {
      let n = dimensions[p % dimensions.count]
      let instance = "mgh/problem\(p / 4) n=\(n) #\(p % 4)"
      let start = pow(10, 1 + 3 * random.next())
      for (s, solver) in solvers.enumerated() {
        let rate = 0.5 + 0.45 * Double(s) / Double(max(solvers.count - 1, 1)) * random.next()
        let stall =
          random.next() < 0.15 * Double(s % 3) ? start * pow(10, -2 - 3 * random.next()) : 0
        let perStep = 1 + (s % 2) * n / 4
        var history: [SweepOutcome.HistoryPoint] = []
        var f = start
        var evaluations = 1
        for _ in 0..<150 {
          history.append(.init(evaluations: evaluations, fError: f))
          if f < start * 1e-9 { break }
          f = stall + (f - stall) * rate * (0.8 + 0.4 * random.next())
          evaluations += perStep
        }
        let secondsPerEvaluation = 1e-6 * Double(n) * (1 + Double(s))
        let reached = targets.map { eps in history.first { $0.fError <= eps * start }?.evaluations }
        outcomes.append(
          SweepOutcome(
            instance: instance, dimension: n, solver: solver, converged: reached.last! != nil,
            evaluations: evaluations, seconds: Double(evaluations) * secondsPerEvaluation,
            evaluationsToTarget: reached,
            secondsToTarget: reached.map { $0.map { Double($0) * secondsPerEvaluation } },
            history: history))
      }
    }
    return outcomes
  }

  static let solvers = [
    "gradient-descent lr=0.01", "sgd lr=0.01 momentum=0.9", "adam lr=0.001", "lbfgs m=10",
    "cg fletcher-reeves",
  ]
}
