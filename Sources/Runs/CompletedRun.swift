import Autodiff
import OptimizationCore
import Solvers

/// One finished run, widened to Double for reporting (Float runs widen exactly), with where it
/// ended relative to the problem's known minima.
public struct CompletedRun: Sendable {
  public var solver: String
  public var startIndex: Int
  public var start: [Double]
  public var status: Status
  public var message: String
  public var iterations: Int
  public var f: Double
  public var x: [Double]
  public var gradientNorm: Double
  public var counts: EvaluationCounts
  /// Settings the solver chose itself (`lr` when it was `auto`).
  public var resolvedSettings: SolverSettings
  public var seconds: Double
  public var fError: Double?
  public var xError: Double?
  public var endedAt: String?
  /// The iteration log's path, when one was written.
  public var logPath: String?
  /// The bounds the result lies on (a bounded run), in coordinate order.
  public var activeBounds: [ActiveBound] = []
  /// One point per kept iteration, for plots and convergence histories.
  public var path: [PathPoint]
  /// On a residual problem: ‖r‖ at x and, when m > n, the parameters' covariance (set by the
  /// single-run command; nil otherwise).
  public var fit: LeastSquaresFit?

  public struct PathPoint: Sendable {
    public var iteration: Int
    public var f: Double
    /// f + gradient evaluations so far.
    public var evaluations: Int
    /// Every counted evaluation so far (f, gradient, Hessian, Hessian–vector).
    public var allEvaluations: Int
    public var seconds: Double
    /// x, kept for two-variable problems only (contour plots).
    public var x: [Double]
  }

  /// Widens a solver's result and places it among the known minima.
  public init<T: SolverScalar>(
    _ result: SolverResult<T>, startIndex: Int, start: [Double], minima: KnownMinima,
    dimension: Int, bounds: Bounds<T>? = nil
  ) {
    let x = result.x.map { Double($0) }
    let f = Double(result.f)
    solver = result.solver
    self.startIndex = startIndex
    self.start = start
    status = result.status
    message = result.message
    iterations = result.iterations
    self.f = f
    self.x = x
    gradientNorm = Double(result.gradientNorm)
    counts = result.counts
    resolvedSettings = result.resolvedSettings
    seconds = result.elapsed
    fError = minima.fError(f)
    xError = minima.xError(x)
    endedAt = minima.endedAt(x)
    // Compared in the run's precision, where the bounded methods put x exactly on a bound.
    if let bounds, bounds.dimension == result.x.count { activeBounds = bounds.active(at: result.x) }
    path = result.trace.map { record in
      let c = record.counts
      return PathPoint(
        iteration: record.iteration, f: Double(record.f), evaluations: c.f + c.gradient,
        allEvaluations: c.f + c.gradient + c.hessian + c.hessianVector, seconds: record.elapsed,
        x: dimension == 2 ? record.x.map { Double($0) } : [])
    }
  }
}

extension [CompletedRun.PathPoint] {
  /// The points that hold the smallest or the largest value of a coordinate, in path order: the
  /// box around the path, without the path.
  public var boundingPoints: [CompletedRun.PathPoint] {
    let dimension = map(\.x.count).max() ?? 0
    var kept = Set<Int>()
    for i in 0..<dimension {
      let values = indices.filter { i < self[$0].x.count }
      if let low = values.min(by: { self[$0].x[i] < self[$1].x[i] }) { kept.insert(low) }
      if let high = values.max(by: { self[$0].x[i] < self[$1].x[i] }) { kept.insert(high) }
    }
    return kept.sorted().map { self[$0] }
  }
}
