/// One run of a sweep: a solver on a problem instance from one start, as the sweep recorded it.
public struct SweepOutcome: Sendable, Equatable {
  /// One kept iteration of a run.
  public struct HistoryPoint: Sendable, Equatable {
    /// Evaluations of f and ∇f so far.
    public var evaluations: Int
    /// f − f* at that iteration.
    public var fError: Double
    public init(evaluations: Int, fError: Double) {
      self.evaluations = evaluations
      self.fError = fError
    }
  }

  /// The problem instance's id, e.g. "mgh/watson n=9 #2".
  public var instance: String
  /// The instance's number of variables n.
  public var dimension: Int
  /// The solver's id including its settings, e.g. "sgd lr=0.01".
  public var solver: String
  public var converged: Bool
  /// Total evaluations of the run.
  public var evaluations: Int
  public var seconds: Double
  /// One entry per target level ε, in the order of the sweep's targets: the evaluations at which
  /// the run first had f − f* ≤ ε·(f(x₀) − f*) (Moré and Wild's convergence test); nil if never.
  public var evaluationsToTarget: [Int?]
  /// As `evaluationsToTarget`, in seconds of wall-clock time.
  public var secondsToTarget: [Double?]
  /// (evaluations, f − f*) after each kept iteration, for convergence plots; may be empty.
  public var history: [HistoryPoint]

  public init(
    instance: String, dimension: Int, solver: String, converged: Bool, evaluations: Int,
    seconds: Double, evaluationsToTarget: [Int?], secondsToTarget: [Double?],
    history: [HistoryPoint] = []
  ) {
    self.instance = instance
    self.dimension = dimension
    self.solver = solver
    self.converged = converged
    self.evaluations = evaluations
    self.seconds = seconds
    self.evaluationsToTarget = evaluationsToTarget
    self.secondsToTarget = secondsToTarget
    self.history = history
  }
}
