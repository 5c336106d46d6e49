import Autodiff
import Foundation
import OptimizationCore

/// The bookkeeping every solver shares: the trace, the best point and the clock. A method computes
/// its iterates and hands each one to `record`, which keeps them (a bounded trace in memory,
/// every kept record to the options' `logSink`) and asks the run's `StoppingRules` whether the
/// run must stop and why; `finish` turns the run into a `SolverResult`.
public final class RunRecorder<T: SolverScalar> {
  public let solver: String
  public let objective: Objective<T>
  public let options: SolverOptions<T>
  private let startTime = ContinuousClock.now
  private var trace: BoundedTrace<T>
  private var pending: IterationRecord<T>?
  public private(set) var bestX: [T]
  public private(set) var bestF: T = .infinity
  public private(set) var bestGradientNorm: T = .nan
  private var stopping: StoppingRules<T>
  /// The index of the last recorded iteration.
  public private(set) var iteration = -1

  /// Whether the method keeps its iterates in `options.bounds`; a run given a box by a method
  /// that does not ends at once with status `.failed`.
  public let handlesBounds: Bool

  /// Applies the options' evaluation limits to the objective and resets its counts.
  public init(
    solver: String, objective: Objective<T>, options: SolverOptions<T>, start: [T],
    handlesBounds: Bool = false
  ) {
    self.solver = solver
    self.handlesBounds = handlesBounds
    self.objective = objective
    self.options = options
    self.bestX = start
    self.stopping = StoppingRules(options: options)
    self.trace = BoundedTrace(capacity: options.traceCapacity, stride: options.traceEvery)
    objective.resetCounts()
    objective.limits = EvaluationCounts(
      f: options.maxFunctionEvaluations ?? .max,
      gradient: options.maxGradientEvaluations ?? .max,
      hessian: options.maxHessianEvaluations ?? .max,
      hessianVector: .max)
  }

  public var elapsed: Double {
    let d = ContinuousClock.now - startTime
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }

  /// Records the next iterate (the first call is iteration 0, the start) and returns the
  /// status that ends the run, if any. A non-finite iterate is not added to the trace.
  /// Pass `gradient` when it is known at x; `gradientNorm` overrides it (NaN if unknown).
  public func record(
    x: [T], f: T, gradient: [T]? = nil, gradientNorm: T? = nil, extras: [String: Double] = [:]
  ) -> Status? {
    // The ∞-norm: the one the gradient test compares with its tolerance.
    let gNorm = gradientNorm ?? gradient.map(VectorNorms.maximum) ?? .nan
    let pointIsFinite = f.isFinite && x.allSatisfy(\.isFinite)
    let bounded =
      Swift.abs(f) <= options.divergenceThreshold
      && x.allSatisfy { Swift.abs($0) <= options.divergenceThreshold }
    guard pointIsFinite, bounded, gradient?.allSatisfy(\.isFinite) ?? true else {
      // A finite point whose gradient is not (√(x² + y²) at its minimum) still counts for the
      // best point: the result is the best finite point seen, even if the run ends here.
      if pointIsFinite, bounded, f < bestF {
        bestF = f
        bestX = x
        bestGradientNorm = gNorm
      }
      return .diverged
    }

    iteration += 1
    let step = stopping.previousX.map { VectorNorms.euclideanDistance(x, $0) } ?? 0
    let recordedX = options.traceCoordinateLimit.map { Array(x.prefix(max($0, 0))) } ?? x
    let record = IterationRecord(
      iteration: iteration, f: f, gradientNorm: gNorm, stepLength: step, x: recordedX,
      counts: objective.counts, elapsed: elapsed, extras: extras)
    if iteration % max(options.traceEvery, 1) == 0 {
      keep(record)
      pending = nil
    } else {
      pending = record
    }
    if f < bestF || (f == bestF && gNorm < bestGradientNorm) {
      bestF = f
      bestX = x
      bestGradientNorm = gNorm
    }

    // The callback sees every iteration, the one that converges included (a sweep's target
    // levels may first be reached there); convergence outranks its request to stop.
    let callbackStops = options.callback.map { $0(record) == .stop } ?? false
    if let status = stopping.test(iteration: iteration, x: x, f: f, gradient: gradient) {
      return status
    }
    if callbackStops { return .stoppedByCallback }
    if Interruption.isRequested { return .interrupted }
    if iteration >= options.maxIterations { return .iterationLimit }
    if let limit = options.timeLimit, elapsed >= limit { return .timeLimit }
    return nil
  }

  private func keep(_ record: IterationRecord<T>) {
    trace.add(record)
    options.logSink?(record)
  }

  /// Checks only the clock, the interruption flag and the callback-free limits; for methods
  /// that want to stop inside a long iteration (a line search, an inner CG loop).
  public func shouldAbandonIteration() -> Status? {
    if Interruption.isRequested { return .interrupted }
    if let limit = options.timeLimit, elapsed >= limit { return .timeLimit }
    return nil
  }

  /// Runs a method's body, which returns the status that ended it; an evaluation past a limit
  /// (thrown by the objective before it evaluates) ends the run with `.evaluationLimit`.
  /// The body may set `stopMessage` to explain its status.
  /// A start whose length is not the objective's dimension ends the run at once with status
  /// `.failed`, before the body evaluates anything.
  public func run(_ body: () throws(EvaluationLimitReached) -> Status) -> SolverResult<T> {
    if bestX.count != objective.dimension {
      return finish(
        .failed,
        message:
          "the start has \(bestX.count) values but the objective has \(objective.dimension) variables"
      )
    }
    if let bounds = options.bounds {
      if !handlesBounds {
        return finish(
          .failed,
          message:
            "\(solver) does not handle bounds; a bounded problem needs projected-gradient or lbfgsb"
        )
      }
      if bounds.dimension != objective.dimension {
        return finish(
          .failed,
          message:
            "the bounds have \(bounds.dimension) values but the objective has \(objective.dimension) variables"
        )
      }
    }
    do {
      let status = try body()
      return finish(status, message: stopMessage)
    } catch {
      return finish(
        .evaluationLimit, message: "reached the limit on \(error.which) evaluations")
    }
  }

  /// A sentence explaining the status a method's body returns (nil: the default message).
  public var stopMessage: String?
  /// Settings the method chose itself (`lr = auto`), passed to the result.
  public var resolvedSettings = SolverSettings()
  /// How they were chosen; appended to the result's message.
  public var resolvedNote: String?
  /// Facts about the run the result's message must carry (a start projected onto the bounds).
  public var notes: [String] = []

  /// The result, with the best point seen and a message for the status. A run that found no
  /// acceptable step or reached a limit ends `.precisionLimit` when its best point passes
  /// `PrecisionLimit`; runs that used no gradient (derivative-free methods) are not checked.
  public func finish(_ status: Status, message: String? = nil) -> SolverResult<T> {
    if let pending { keep(pending) }
    pending = nil
    let checked: [Status] = [.lineSearchFailed, .iterationLimit, .evaluationLimit, .timeLimit]
    let check =
      checked.contains(status) && objective.counts.gradient > 0
      ? PrecisionLimit(objective: objective, x: bestX, bounds: options.bounds) : nil
    var result = SolverResult(
      solver: solver, status: status, message: message ?? defaultMessage(status),
      x: bestX, f: bestF, gradientNorm: bestGradientNorm, iterations: max(iteration, 0),
      counts: objective.counts, elapsed: elapsed, trace: trace.records)
    result.resolvedSettings = resolvedSettings
    if let resolvedNote { result.message += "; \(resolvedNote)" }
    for note in notes { result.message += "; \(note)" }
    if let check {
      if check.isReached {
        result.status = .precisionLimit
        result.message =
          "at a minimizer to the working precision (\(result.message)): \(check.summary)"
      } else if status == .lineSearchFailed {
        result.message += "; not at a minimizer to the working precision: \(check.summary)"
      }
    }
    return result
  }

  private func defaultMessage(_ status: Status) -> String {
    switch status {
    case .gradientTolerance: return "‖∇f‖∞ ≤ \(options.gradientTolerance)"
    case .fTolerance: return "relative change in f ≤ \(options.fTolerance)"
    case .xTolerance: return "relative change in x ≤ \(options.xTolerance)"
    case .iterationLimit: return "reached \(options.maxIterations) iterations"
    case .evaluationLimit: return "reached an evaluation limit"
    case .timeLimit: return "reached the time limit of \(options.timeLimit ?? 0) s"
    case .diverged:
      return
        "f, x or ∇f became non-finite or |f| or |x| grew beyond \(options.divergenceThreshold)"
    case .lineSearchFailed: return "the line search found no acceptable step"
    case .precisionLimit: return "no step can change f beyond its rounding"
    case .stoppedByCallback: return "stopped by the callback"
    case .interrupted: return "interrupted"
    case .failed: return "failed"
    case .insufficientMemory: return "not run: not enough memory"
    }
  }
}
