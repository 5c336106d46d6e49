import Autodiff
import OptimizationCore

/// How `minimize` evaluates a Swift function of `Variable`s.
public enum ClosureEvaluation: Sendable, Equatable, CustomStringConvertible {
  /// Recorded once, at the start, into a `CompiledFunction` and replayed at every point: the
  /// fast path.
  case recorded
  /// Its graph is built again at every point, because a recording would not stand for it
  /// everywhere; `reason` says why.
  case rebuiltAtEveryPoint(reason: String)

  public var description: String {
    switch self {
    case .recorded: return "recorded once at the start and replayed (the fast path)"
    case .rebuiltAtEveryPoint(let reason): return "graph rebuilt at every point: \(reason)"
    }
  }
}

extension Objective {
  /// The objective of `f`, a scalar function of one vector of `dimension` variables, with its
  /// value, gradient, Hessian and Hessian–vector product; and how it is evaluated.
  ///
  /// `f` is recorded once when the recording stands for it at every point. A function that reads
  /// the value of a variable computed from its input (`.scalar`, `.value`, printing it) may
  /// branch on it, so its graph is built again at every evaluation instead: slower, never wrong.
  ///
  /// - Throws: `MinimizeError.invalidFunction` when `f` reads an element past `dimension`,
  ///   combines shapes that do not fit, or does not return a scalar.
  public static func recording(_ f: @escaping (Variable<T>) -> Variable<T>, dimension: Int)
    throws(MinimizeError) -> (objective: Objective<T>, evaluation: ClosureEvaluation)
  {
    let recording = Result { () throws(RecordingRefusal) in
      try CompiledFunction<T>.recordingStrictly(dimension: dimension, f)
    }
    switch recording {
    case .success(let compiled):
      let objective = Objective(
        dimension: dimension,
        value: { compiled.value($0) },
        gradient: { compiled.gradient($0, into: &$1) },
        hessian: { compiled.hessian($0, into: &$1) },
        hessianVector: { compiled.hessianVectorProduct($0, $1, into: &$2) })
      return (objective, .recorded)
    case .failure(let refusal):
      guard case .readsValues = refusal else { throw .invalidFunction(refusal.description) }
      return (rebuilt(f, dimension: dimension), .rebuiltAtEveryPoint(reason: refusal.description))
    }
  }

  /// `f` evaluated by building its graph at every call.
  private static func rebuilt(_ f: @escaping (Variable<T>) -> Variable<T>, dimension: Int)
    -> Objective<T>
  {
    Objective(
      dimension: dimension,
      value: { x in withoutGrad { f(Variable(x)).scalar } },
      gradient: { x, g in
        let (value, gradient) = Autodiff.valueAndGradient(of: f, at: x)
        g = gradient
        return value
      },
      hessian: { Autodiff.hessian(of: f, at: $0, into: &$1) },
      hessianVector: { x, v, hv in hv = Autodiff.hessianVectorProduct(of: f, at: x, along: v) })
  }
}
