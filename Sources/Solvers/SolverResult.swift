import Autodiff
import OptimizationCore

/// The outcome of one run.
public struct SolverResult<T: SolverScalar>: Sendable {
  /// The stable solver name (`bfgs`, `gsl-vector-bfgs2`, …).
  public var solver: String
  public var status: Status
  /// A sentence saying why the run ended, with the figures that decided it.
  public var message: String
  /// The best point seen (lowest finite f), not merely the last iterate.
  public var x: [T]
  public var f: T
  /// ‖∇f‖∞ at `x` where known (the norm the gradient test uses), NaN otherwise.
  public var gradientNorm: T
  /// Iterations completed.
  public var iterations: Int
  public var counts: EvaluationCounts
  public var elapsed: Double
  /// The kept iterations in order, at most `SolverOptions.traceCapacity` of them plus the best
  /// and the last (see `SolverOptions.traceCapacity`; `logSink` sees every kept iteration).
  public var trace: [IterationRecord<T>]
  /// Settings the method chose itself: `lr` when it was `auto`.
  public var resolvedSettings = SolverSettings()

  public init(
    solver: String, status: Status, message: String, x: [T], f: T, gradientNorm: T,
    iterations: Int, counts: EvaluationCounts, elapsed: Double, trace: [IterationRecord<T>]
  ) {
    self.solver = solver
    self.status = status
    self.message = message
    self.x = x
    self.f = f
    self.gradientNorm = gradientNorm
    self.iterations = iterations
    self.counts = counts
    self.elapsed = elapsed
    self.trace = trace
  }

  public var converged: Bool { status.isConverged }
}
