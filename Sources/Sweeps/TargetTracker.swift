import Autodiff
import OptimizationCore
import Solvers

/// Watches a run's iterations (through the solver callback, so every iteration is seen however
/// the trace is thinned): when each target level is first reached, and a history of bounded
/// length for convergence plots.
struct TargetTracker {
  static let historyLimit = 128

  let targets: [Double]
  let fStar: Double?
  private(set) var f0: Double?
  private(set) var hitEvaluations: [Int?]
  private(set) var hitSeconds: [Double?]
  private(set) var history: [SweepRecord.HistoryPoint] = []
  /// Keep one iteration in `stride`; doubled whenever the history is full, so it stays bounded
  /// and evenly spread over the run.
  private var stride = 1

  init(targets: [Double], fStar: Double?) {
    self.targets = targets
    self.fStar = fStar
    hitEvaluations = Array(repeating: nil, count: targets.count)
    hitSeconds = Array(repeating: nil, count: targets.count)
  }

  mutating func observe<T: SolverScalar>(_ record: IterationRecord<T>) {
    let f = Double(record.f)
    let c = record.counts
    let evaluations = c.f + c.gradient + c.hessian + c.hessianVector
    if f0 == nil { f0 = f }
    if let fStar, let f0, f.isFinite {
      let gap = f0 - fStar
      for (i, epsilon) in targets.enumerated() where hitEvaluations[i] == nil {
        if f - fStar <= epsilon * gap {
          hitEvaluations[i] = evaluations
          hitSeconds[i] = record.elapsed
        }
      }
    }
    if record.iteration % stride == 0 {
      history.append(.init(evaluations: evaluations, f: f))
      if history.count >= Self.historyLimit {
        stride *= 2
        history = history.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
      }
    }
  }
}
