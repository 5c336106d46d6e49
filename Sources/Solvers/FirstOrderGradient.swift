import Autodiff
import OptimizationCore

/// The gradient a first-order method steps with: the full gradient, or a minibatch gradient
/// when the objective supports it and a batch size is set. With minibatches the recorded f is
/// the full objective value (one counted f evaluation per iteration) and no gradient is
/// recorded, so the gradient-tolerance test does not apply (use fTolerance, xTolerance or the
/// limits).
struct FirstOrderGradient<T: SolverScalar> {
  let objective: Objective<T>
  private var sampler: MinibatchSampler?

  init(objective: Objective<T>, batchSize: Int?, seed: UInt64) {
    self.objective = objective
    if let batchSize, objective.hasBatchGradient, let count = objective.sampleCount,
      batchSize < count
    {
      sampler = MinibatchSampler(sampleCount: count, batchSize: batchSize, seed: seed)
    }
  }

  var usesMinibatches: Bool { sampler != nil }

  /// The gradient to step with at x; also returns f(x) for full-batch gradients.
  mutating func gradient(at x: [T], into g: inout [T]) throws(EvaluationLimitReached) -> T? {
    if var sampler {
      let rows = sampler.nextBatch()
      self.sampler = sampler
      _ = try objective.batchGradient(x, rows: rows, into: &g)
      return nil
    }
    return try objective.gradient(x, into: &g)
  }

  /// Records x: with minibatches, evaluates the full f first.
  func record(
    _ run: RunRecorder<T>, x: [T], f: T?, gradient g: [T], extras: [String: Double]
  ) throws(EvaluationLimitReached) -> Status? {
    if let f { return run.record(x: x, f: f, gradient: g, extras: extras) }
    let full = try objective.value(x)
    return run.record(x: x, f: full, gradientNorm: .nan, extras: extras)
  }
}
