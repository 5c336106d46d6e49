import Autodiff
import OptimizationCore
import RealModule

/// Adam exactly as PyTorch's `torch.optim.Adam` (no weight decay, no amsgrad):
///   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,
///   x ← x − lr·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε).
///
/// Defaults: lr = 0.01 (PyTorch's 1e-3 moves at most ~1e-3 per step, too slow for the default
/// iteration limits), β₁ = 0.9, β₂ = 0.999, ε = 1e-8. Minibatches as for `SGD`.
/// extras: "learning_rate", "step_norm".
public struct Adam: Solver {
  public var learningRate: Double
  public var beta1: Double
  public var beta2: Double
  public var epsilon: Double
  public var batchSize: Int?

  public init(
    learningRate: Double = 0.01, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, batchSize: Int? = nil
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.batchSize = batchSize
  }

  public var name: String { "adam" }
  public var family: String { "first-order" }
  public var derivatives: DerivativeUse { .gradient }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(solver: name, objective: objective, options: options, start: start)
    var source = FirstOrderGradient(objective: objective, batchSize: batchSize, seed: options.seed)
    let lr = T(learningRate)
    let b1 = T(beta1)
    let b2 = T(beta2)
    let eps = T(epsilon)
    return run.run { () throws(EvaluationLimitReached) -> Status in
      var x = start
      var g = [T]()
      var f = try source.gradient(at: x, into: &g)
      var extras = ["learning_rate": learningRate, "step_norm": 0]
      if let status = try source.record(run, x: x, f: f, gradient: g, extras: extras) {
        return status
      }
      let n = x.count
      var m = [T](repeating: 0, count: n)
      var v = [T](repeating: 0, count: n)
      var t = 0
      while true {
        t += 1
        let correction1 = 1 - T.pow(b1, t)
        let correction2 = 1 - T.pow(b2, t)
        var stepSquared: T = 0
        for i in 0..<n {
          m[i] = b1 * m[i] + (1 - b1) * g[i]
          v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
          // The same operations in the same order as PyTorch's single-tensor implementation.
          let denominator = v[i].squareRoot() / correction2.squareRoot() + eps
          let step = (lr / correction1) * m[i] / denominator
          x[i] -= step
          stepSquared += step * step
        }
        f = try source.gradient(at: x, into: &g)
        extras["step_norm"] = Double(stepSquared.squareRoot())
        if let status = try source.record(run, x: x, f: f, gradient: g, extras: extras) {
          return status
        }
      }
    }
  }
}

extension Adam {
  static let catalogEntry = SolverCatalogEntry(
    name: "adam",
    settings: [
      .learningRate,
      SolverSetting(
        "beta1", "decay of the first-moment average", .unitInterval(closedAbove: false)),
      SolverSetting(
        "beta2", "decay of the second-moment average", .unitInterval(closedAbove: false)),
      SolverSetting("epsilon", "denominator guard ε", .positive),
      .batchSize,
    ]
  ) { s in
    Adam(
      learningRate: s.number("lr") ?? 0.01, beta1: s.number("beta1") ?? 0.9,
      beta2: s.number("beta2") ?? 0.999, epsilon: s.number("epsilon") ?? 1e-8,
      batchSize: s.integer("batch-size"))
  }
}
