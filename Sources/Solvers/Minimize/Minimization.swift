import Autodiff
import OptimizationCore

/// What `minimize` returns for a Swift function: the solver's result, and how the function was
/// evaluated. The result's fields read directly: `m.x`, `m.f`, `m.status`.
@dynamicMemberLookup
public struct Minimization<T: SolverScalar>: Sendable, CustomStringConvertible {
  public var result: SolverResult<T>
  /// Whether the function was recorded once or rebuilt at every point, and why.
  public var evaluation: ClosureEvaluation

  public init(result: SolverResult<T>, evaluation: ClosureEvaluation) {
    self.result = result
    self.evaluation = evaluation
  }

  public subscript<Value>(dynamicMember field: KeyPath<SolverResult<T>, Value>) -> Value {
    result[keyPath: field]
  }

  /// The result's summary, then how the function was evaluated.
  public var description: String {
    result.description + "\n" + SummaryLine.format("evaluation", evaluation.description)
  }
}
