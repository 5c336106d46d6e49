/// One finished run of a sweep: a row of the store's table `runs`, named as the single run's
/// JSON names its fields.
public struct SweepRecord: Sendable, Equatable {
  public var key: String
  public var problem: String
  /// `n=10 m=20`, sorted; empty when the file's own values are used.
  public var parameters: String
  public var dimension: Int
  public var solver: String
  /// `lr=0.01`, sorted; empty for the solver's defaults.
  public var settings: String
  public var startIndex: Int
  public var repetition: Int
  public var status: String
  public var converged: Bool
  public var message: String
  public var iterations: Int
  /// Nil when not finite.
  public var f: Double?
  /// The problem's known minimum f*, if any.
  public var fStar: Double?
  public var fError: Double?
  public var xError: Double?
  public var endedAt: String?
  public var fEvals: Int
  public var gradEvals: Int
  public var hessianEvals: Int
  public var hvpEvals: Int
  public var seconds: Double
  /// Per target level, in the definition's order: evaluations (all kinds) and seconds at which
  /// the run first had f − f* ≤ ε·(f(x₀) − f*); nil if it never did or f* is unknown.
  public var targetEvaluations: [Int?]
  public var targetSeconds: [Double?]
  /// A thinned history, at most `TargetTracker.historyLimit` points: (evaluations, f).
  public var history: [HistoryPoint]

  public struct HistoryPoint: Sendable, Equatable {
    public var evaluations: Int
    public var f: Double
  }

  /// Every evaluation the run made, of any kind.
  public var evaluations: Int { fEvals + gradEvals + hessianEvals + hvpEvals }

  /// The instance the run belongs to: problem and parameters.
  public var instance: String { parameters.isEmpty ? problem : "\(problem) \(parameters)" }
  /// The solver configuration: solver and settings.
  public var solverLabel: String { settings.isEmpty ? solver : "\(solver) \(settings)" }
}
