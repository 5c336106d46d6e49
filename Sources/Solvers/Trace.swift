import Autodiff
import OptimizationCore

/// One iteration of a run; iteration 0 is the start.
public struct IterationRecord<T: SolverScalar>: Sendable {
  public var iteration: Int
  public var f: T
  /// ‖∇f‖∞ at x (the norm of the gradient test); NaN for methods that never evaluate a
  /// gradient.
  public var gradientNorm: T
  /// ‖xₖ − xₖ₋₁‖₂ (0 at iteration 0).
  public var stepLength: T
  /// The iterate; only its first `SolverOptions.traceCoordinateLimit` coordinates when set.
  public var x: [T]
  /// Cumulative evaluation counts up to and including this iteration.
  public var counts: EvaluationCounts
  /// Seconds since the run started.
  public var elapsed: Double
  /// The method's own figures: "trust_radius", "momentum_norm", "line_search_trials",
  /// "learning_rate", "simplex_size", "alpha", "damping", …
  public var extras: [String: Double]

  public init(
    iteration: Int, f: T, gradientNorm: T, stepLength: T, x: [T], counts: EvaluationCounts,
    elapsed: Double, extras: [String: Double] = [:]
  ) {
    self.iteration = iteration
    self.f = f
    self.gradientNorm = gradientNorm
    self.stepLength = stepLength
    self.x = x
    self.counts = counts
    self.elapsed = elapsed
    self.extras = extras
  }
}
