import Autodiff
import OptimizationCore

/// What the callback tells the run after an iteration.
public enum CallbackAction: Sendable { case proceed, stop }

/// Settings shared by every solver. Method-specific settings live on each solver.
///
/// Stopping criteria, checked after every iteration k ≥ 1 (and the gradient test at k = 0):
/// - gradient: ‖∇f(xₖ)‖∞ ≤ `gradientTolerance`
/// - f: |f(xₖ) − f(xₖ₋₁)| ≤ `fTolerance` · (|f(xₖ)| + `fTolerance`)  (off when 0)
/// - x: ‖xₖ − xₖ₋₁‖∞ ≤ `xTolerance` · (1 + ‖xₖ‖∞)  (off when 0)
public struct SolverOptions<T: SolverScalar> {
  public var maxIterations = 1000
  public var gradientTolerance: T = 1e-8
  public var fTolerance: T = 0
  public var xTolerance: T = 0
  /// Wall-clock seconds; nil is unlimited. Checked after each iteration like the other criteria,
  /// so a run can overrun it by up to one iteration (a Newton step on n = 1000 takes ~0.3 s).
  public var timeLimit: Double? = nil
  public var maxFunctionEvaluations: Int? = nil
  public var maxGradientEvaluations: Int? = nil
  public var maxHessianEvaluations: Int? = nil
  /// Called after every iteration with its record; `.stop` ends the run (`.stoppedByCallback`).
  public var callback: ((IterationRecord<T>) -> CallbackAction)? = nil
  /// Keep every k-th iteration in the trace and the log (the first and last are always kept).
  public var traceEvery = 1
  /// The result's trace holds at most this many records however long the run goes (memory
  /// stays bounded): the first half of them in full, then evenly spaced ones thinned as the run
  /// goes on, plus the best and the last. `Int.max` keeps every record.
  public var traceCapacity = 2000
  /// Receives, in order, every record the trace is offered (every `traceEvery`-th iteration and
  /// the last), as the run goes; an iteration log streamed to disk is written from it.
  public var logSink: ((IterationRecord<T>) -> Void)? = nil
  /// When set, trace records keep only the first K coordinates of x, so a long run on a large
  /// problem does not hold every iterate in full (10⁶ variables × 1000 iterations is 8 GB in
  /// Double); the result's best x stays complete. Nil keeps every coordinate.
  public var traceCoordinateLimit: Int? = nil
  /// |f| or any |xᵢ| beyond this magnitude counts as divergence (unbounded growth).
  public var divergenceThreshold: T = T.greatestFiniteMagnitude / 16
  /// Seed for methods that draw random numbers (minibatches).
  public var seed: UInt64 = 0
  /// A box the iterates must stay in. Only methods with `Solver.handlesBounds` read it; any
  /// other method given a box ends at once with status `.failed` and says so, rather than
  /// silently leaving the box.
  public var bounds: Bounds<T>? = nil

  public init() {}
}
