import Autodiff
import OptimizationCore

/// What `minimize` returns for a Swift function: the solver's result, and how the function was
/// evaluated. The result's fields read directly: `m.x`, `m.f`, `m.status`.
@dynamicMemberLookup
public struct Minimization<T: SolverScalar>: Sendable, CustomStringConvertible {
  /// The solver's result: the best point seen, the status, counts and trace.
  public var result: SolverResult<T>
  /// Whether the function was recorded once or rebuilt at every point, and why.
  public var evaluation: ClosureEvaluation

  /// A result and how its function was evaluated.
  public init(result: SolverResult<T>, evaluation: ClosureEvaluation) {
    self.result = result
    self.evaluation = evaluation
  }

  /// A field of `result`: `m.x` is `m.result.x`.
  public subscript<Value>(dynamicMember field: KeyPath<SolverResult<T>, Value>) -> Value {
    result[keyPath: field]
  }

  /// The result's summary, then how the function was evaluated.
  public var description: String {
    result.description + "\n" + SummaryLine.format("evaluation", evaluation.description)
  }
}
