import Autodiff
import Dispatch
import Foundation
import OptimizationCore
import Problems
import Reporting
import Runs
import Solvers
import Synchronization

/// Runs the tasks of a plan that the store does not hold yet, on `jobs` threads (one run per
/// thread), recording each run as soon as it ends. A run's result depends only on its task,
/// so the results are the same, bit for bit except times, for any number of jobs or order.
public struct SweepRunner: Sendable {
  public let plan: SweepPlan
  public let jobs: Int
  /// When set, each run's iteration log (every iteration, at most 20 coordinates of x) is
  /// streamed there as `<run key>.csv`, the key's characters outside [A-Za-z0-9._-] as `_`.
  public let logDirectory: URL?
  /// Read once: reading /proc/meminfo per run cost about 90 µs, 2% of an MGH run.
  private let availableMemory = MemoryCheck.availableBytes()

  public init(plan: SweepPlan, jobs: Int, logDirectory: URL? = nil) {
    self.plan = plan
    self.jobs = max(1, jobs)
    self.logDirectory = logDirectory
  }

  /// The file name of a run's iteration log.
  public static func logName(_ key: String) -> String {
    String(
      key.unicodeScalars.map { scalar -> Character in
        scalar.isASCII
          && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
          ? Character(scalar) : "_"
      }) + ".csv"
  }

  public struct Summary: Sendable {
    public var ran = 0
    public var skipped = 0
    public var interrupted = false
  }

  /// Runs `tasks` (a shard of the plan, or all of it) into `store`. Runs that were
  /// interrupted are not recorded, so a resume runs them again.
  public func run(
    _ tasks: [SweepTask], into store: SweepStore, progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(SweepError) -> Summary {
    let done = try store.completedKeys()
    let pending = tasks.filter { !done.contains($0.key) }
    let shared = Mutex(SharedState(store: store))
    let next = Atomic<Int>(0)
    let total = pending.count
    DispatchQueue.concurrentPerform(iterations: min(jobs, max(total, 1))) { _ in
      let objectives = ObjectiveCache()
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        if index >= total || Interruption.isRequested { return }
        guard let record = execute(pending[index], objectives: objectives) else { continue }
        let finished = shared.withLock { state -> Int? in
          guard state.failure == nil else { return nil }
          do {
            try state.store.record(record, epsilons: plan.definition.targets)
            state.recorded += 1
            return state.recorded
          } catch let error as SweepError {
            state.failure = error
            return nil
          } catch {
            state.failure = SweepError("\(error)")
            return nil
          }
        }
        guard let finished else { return }
        progress?(finished, total)
      }
    }
    let (recorded, failure) = shared.withLock { ($0.recorded, $0.failure) }
    if let failure { throw failure }
    return Summary(
      ran: recorded, skipped: tasks.count - total, interrupted: recorded < total)
  }

  private struct SharedState: Sendable {
    let store: SweepStore
    var recorded = 0
    var failure: SweepError?
  }

  /// One run, or nil if it was interrupted.
  func execute(_ task: SweepTask, objectives: ObjectiveCache = ObjectiveCache()) -> SweepRecord? {
    switch plan.definition.precision {
    case .float64: return execute(task, as: Double.self, objectives: objectives)
    case .float32: return execute(task, as: Float.self, objectives: objectives)
    }
  }

  private func execute<T: SolverScalar>(
    _ task: SweepTask, as _: T.Type, objectives: ObjectiveCache
  ) -> SweepRecord? {
    let definition = plan.definition
    let instance = definition.problems[task.instance]
    let configuration = definition.solvers[task.solver]
    // The problem is shared (loaded once by the plan); `makeObjective` gives each run its own
    // copy of the recorded function, which is what must not be shared between threads.
    let problem = plan.problems[task.instance]
    guard
      let solver = try? SolverSelection.make(
        [configuration.solver], settings: configuration.settings
      ).first
    else { return nil }
    let start = plan.starts[task.instance][task.startIndex]
    let tracker = Mutex(
      TargetTracker(targets: definition.targets, fStar: problem.minimum?.f))
    var options = definition.runConfiguration(solver: configuration).solverOptions(T.self)
    options.bounds = RunBounds.solverBounds(problem.bounds, T.self)
    // The tracker sees every iteration and the log every kept one; the result's trace is not
    // read, so it keeps only a few records.
    options.traceEvery = logDirectory == nil ? Int.max : 1
    options.traceCoordinateLimit = logDirectory == nil ? 2 : 20
    options.traceCapacity = 4
    options.callback = { record in
      tracker.withLock { $0.observe(record) }
      return .proceed
    }
    // A log that cannot be written loses the log, not the run.
    let log = logDirectory.flatMap { directory in
      try? IterationLogWriter<T>(
        url: directory.appendingPathComponent(Self.logName(task.key)),
        dimension: problem.dimension, coordinateNames: problem.coordinateNames)
    }
    if let log { options.logSink = { log.append($0) } }
    let result = MemoryCheck.minimize(
      solver, dimension: problem.dimension, available: availableMemory,
      objective: { objectives.objective(task.instance, of: problem) as Objective<T> },
      from: start.map { T($0) }, startValue: { T(problem.value(at: start)) }, options: options)
    if result.status == .interrupted {
      log?.discard()
      return nil
    }
    try? log?.commit()
    let run = CompletedRun(
      result, startIndex: task.startIndex, start: start, minima: KnownMinima(problem),
      dimension: problem.dimension, bounds: options.bounds)
    let watched = tracker.withLock { $0 }
    return SweepRecord(
      key: task.key, problem: instance.problem,
      parameters: instance.parameters.keys.sorted().map { "\($0)=\(instance.parameters[$0]!)" }
        .joined(separator: " "),
      dimension: problem.dimension, solver: configuration.solver,
      settings: configuration.settings.label, startIndex: task.startIndex,
      repetition: task.repetition, status: run.status.rawValue, converged: run.status.isConverged,
      message: run.message, iterations: run.iterations, f: run.f.isFinite ? run.f : nil,
      fStar: problem.minimum?.f,
      fError: run.fError, xError: run.xError, endedAt: run.endedAt, fEvals: run.counts.f,
      gradEvals: run.counts.gradient, hessianEvals: run.counts.hessian,
      hvpEvals: run.counts.hessianVector, seconds: run.seconds,
      targetEvaluations: watched.hitEvaluations, targetSeconds: watched.hitSeconds,
      history: watched.history)
  }
}

/// One worker thread's objectives, one per problem instance and precision, reused from run to
/// run: making an objective copies the recorded function (about 0.3 ms on an MGH problem), and a
/// run starts by resetting the counts and limits. Never shared between threads.
final class ObjectiveCache {
  private var objectives: [Int: Any] = [:]

  func objective<T: SolverScalar>(_ instance: Int, of problem: Problem) -> Objective<T> {
    if let cached = objectives[instance] as? Objective<T> { return cached }
    let made = problem.makeObjective(T.self)
    objectives[instance] = made
    return made
  }
}
