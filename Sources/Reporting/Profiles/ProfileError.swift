/// Sweep data that cannot be summarised; its description is one line naming what is wrong.
public enum ProfileError: Error, Equatable, Sendable, CustomStringConvertible {
  case noOutcomes
  case noTargets
  /// A target level that is not a finite number above 0.
  case invalidTarget(Double)
  /// A run whose per-target lists do not have one entry per target.
  case targetCountMismatch(instance: String, solver: String, expected: Int, found: Int)
  /// A run that reached a target by evaluations but not by seconds, or the other way round.
  case inconsistentSuccess(instance: String, solver: String, target: Double)
  /// A negative, NaN or infinite cost.
  case invalidCost(instance: String, solver: String, value: Double)
  /// An instance given with a dimension below 1, or with different dimensions in different runs.
  case invalidDimension(instance: String, dimension: Int)
  /// A target index outside the sweep's targets.
  case targetIndexOutOfRange(Int)
  /// A link that is not a relative path (a URL, or an absolute path).
  case linkNotRelative(String)

  public var description: String {
    switch self {
    case .noOutcomes: return "the sweep has no runs"
    case .noTargets: return "the sweep has no target levels"
    case .invalidTarget(let value):
      return "target level \(value) is not a finite number above 0"
    case .targetCountMismatch(let instance, let solver, let expected, let found):
      return "run of \(solver) on \(instance) has \(found) target entries, expected \(expected)"
    case .inconsistentSuccess(let instance, let solver, let target):
      return "run of \(solver) on \(instance) reached target \(target) by evaluations "
        + "or by seconds but not both"
    case .invalidCost(let instance, let solver, let value):
      return "run of \(solver) on \(instance) has cost \(value); costs must be finite and ≥ 0"
    case .invalidDimension(let instance, let dimension):
      return "instance \(instance) has dimension \(dimension); it must be ≥ 1 and the same "
        + "in every run"
    case .targetIndexOutOfRange(let index): return "no target level number \(index)"
    case .linkNotRelative(let path): return "link \(path) is not a relative path"
    }
  }
}
