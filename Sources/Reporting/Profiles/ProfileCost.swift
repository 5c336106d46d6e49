/// What a profile counts as the cost of reaching a target.
public enum ProfileCost: String, Sendable, CaseIterable {
  case evaluations
  case seconds

  /// The least cost a ratio is taken of. A run can reach a target in 0 evaluations (its start
  /// already satisfies it) or in a time below the clock's resolution, and a ratio against 0 is
  /// meaningless, so costs below this are raised to it first: 1 evaluation, 1 microsecond.
  public var floor: Double {
    switch self {
    case .evaluations: return 1
    case .seconds: return 1e-6
    }
  }
}
