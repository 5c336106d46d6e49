import Autodiff
import OptimizationCore

/// Stochastic gradient descent exactly as PyTorch's `torch.optim.SGD` without momentum:
/// xₖ₊₁ = xₖ − lr·∇f(xₖ).
///
/// A learning rate of nil (`lr = auto`, the default) is chosen at the start by
/// `AutoLearningRate`: 1/λ with λ the largest |eigenvalue| of ∇²f(x₀), half the stability limit
/// 2/λ of the quadratic model there. With `batchSize` set and an objective that has minibatch
/// gradients, each step uses a batch drawn by a seeded shuffle (`SolverOptions.seed`); the
/// recorded f is then the full objective and the gradient test is off (see
/// `FirstOrderGradient`). On objectives without minibatch gradients `batchSize` is ignored.
/// extras: "learning_rate" (the one used, chosen or given).
public struct SGD: Solver {
  /// Nil: chosen from the curvature at the start.
  public var learningRate: Double?
  public var batchSize: Int?

  public init(learningRate: Double? = nil, batchSize: Int? = nil) {
    self.learningRate = learningRate
    self.batchSize = batchSize
  }

  public var name: String { "sgd" }
  public var family: String { "first-order" }
  public var derivatives: DerivativeUse { .gradient }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(solver: name, objective: objective, options: options, start: start)
    var source = FirstOrderGradient(objective: objective, batchSize: batchSize, seed: options.seed)
    return run.run { () throws(EvaluationLimitReached) -> Status in
      var x = start
      var g = [T]()
      var f = try source.gradient(at: x, into: &g)
      let learningRate: Double
      if let given = self.learningRate {
        learningRate = given
      } else {
        learningRate = try run.autoLearningRate(.gradientDescent, at: x, g)
      }
      let lr = T(learningRate)
      let extras = ["learning_rate": learningRate]
      if let status = try source.record(run, x: x, f: f, gradient: g, extras: extras) {
        return status
      }
      while true {
        for i in x.indices { x[i] -= lr * g[i] }
        f = try source.gradient(at: x, into: &g)
        if let status = try source.record(run, x: x, f: f, gradient: g, extras: extras) {
          return status
        }
      }
    }
  }
}

extension SGD {
  static let catalogEntry = SolverCatalogEntry(
    name: "sgd", settings: [.learningRateOrAuto, .batchSize]
  ) { s in SGD(learningRate: s.number("lr"), batchSize: s.integer("batch-size")) }
}
