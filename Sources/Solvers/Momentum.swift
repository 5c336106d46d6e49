import Autodiff
import OptimizationCore

/// SGD with momentum exactly as PyTorch's `torch.optim.SGD(momentum: μ, dampening: d,
/// nesterov:)`:
///   first step b = g; later b ← μ·b + (1 − d)·g;
///   step direction s = g + μ·b (Nesterov) or s = b; x ← x − lr·s.
///
/// Defaults: lr = auto, μ = 0.9, d = 0. A learning rate of nil (`lr = auto`) is chosen at the
/// start by `AutoLearningRate`: (1 − μ)/λ, λ the largest |eigenvalue| of ∇²f(x₀), far inside
/// both methods' stability limits (dampening only shrinks the steps). Nesterov requires d = 0,
/// as in PyTorch; `name` is "nesterov" when enabled.
/// Minibatches as for `SGD`. extras: "velocity_norm" (‖b‖₂), "learning_rate" (the one used).
public struct Momentum: Solver {
  /// Nil: chosen from the curvature at the start.
  public var learningRate: Double?
  public var momentum: Double
  public var dampening: Double
  public var nesterov: Bool
  public var batchSize: Int?

  public init(
    learningRate: Double? = nil, momentum: Double = 0.9, dampening: Double = 0,
    nesterov: Bool = false, batchSize: Int? = nil
  ) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.nesterov = nesterov
    self.batchSize = batchSize
  }

  public var name: String { nesterov ? "nesterov" : "momentum" }
  public var family: String { "first-order" }
  public var derivatives: DerivativeUse { .gradient }

  /// Nil when the settings are consistent, otherwise what is wrong.
  public var settingsProblem: String? {
    if nesterov && (momentum <= 0 || dampening != 0) {
      return "nesterov momentum requires momentum > 0 and dampening 0"
    }
    return nil
  }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    let run = RunRecorder(solver: name, objective: objective, options: options, start: start)
    var source = FirstOrderGradient(objective: objective, batchSize: batchSize, seed: options.seed)
    let mu = T(momentum)
    let keep = 1 - T(dampening)
    let problem = settingsProblem
    return run.run { () throws(EvaluationLimitReached) -> Status in
      if let problem {
        run.stopMessage = problem
        return .failed
      }
      var x = start
      var g = [T]()
      var f = try source.gradient(at: x, into: &g)
      let method: AutoLearningRate.Method =
        nesterov ? .nesterov(momentum: momentum) : .heavyBall(momentum: momentum)
      let learningRate: Double
      if let given = self.learningRate {
        learningRate = given
      } else {
        learningRate = try run.autoLearningRate(method, at: x, g)
      }
      let lr = T(learningRate)
      var extras = ["learning_rate": learningRate, "velocity_norm": 0]
      if let status = try source.record(run, x: x, f: f, gradient: g, extras: extras) {
        return status
      }
      var buffer: [T]?
      while true {
        var b: [T]
        if var previous = buffer {
          for i in previous.indices { previous[i] = mu * previous[i] + keep * g[i] }
          b = previous
        } else {
          b = g
        }
        buffer = b
        for i in x.indices { x[i] -= lr * (nesterov ? g[i] + mu * b[i] : b[i]) }
        f = try source.gradient(at: x, into: &g)
        extras["velocity_norm"] = Double(VectorMath.norm2(b))
        if let status = try source.record(run, x: x, f: f, gradient: g, extras: extras) {
          return status
        }
      }
    }
  }
}

extension Momentum {
  static func catalogEntry(nesterov: Bool) -> SolverCatalogEntry {
    SolverCatalogEntry(
      name: nesterov ? "nesterov" : "momentum",
      settings: [.learningRateOrAuto, .momentum, .dampening, .batchSize]
    ) { s throws(SolverCatalogError) in
      let solver = Momentum(
        learningRate: s.number("lr"), momentum: s.number("momentum") ?? 0.9,
        dampening: s.number("dampening") ?? 0, nesterov: nesterov,
        batchSize: s.integer("batch-size"))
      if let problem = solver.settingsProblem { throw SolverCatalogError(description: problem) }
      return solver
    }
  }
}
