import Synchronization

/// Whether operations are being recorded. Solvers update their variables inside
/// `withoutGrad { … }`, so that the update itself never becomes part of a graph.
///
/// The mode is task-local: `GradMode.$isEnabled.withValue(false) { … }` switches recording off
/// for the body and the tasks it starts, as `withoutGrad` does, and `withValue(true)` switches it
/// back on inside.
@dynamicMemberLookup
public enum GradMode {
  /// Whether the current task records operations. Read at every operation: while recording is
  /// off nowhere (no `RecordingPause` alive), the task-local binding is not read at all.
  public static var isEnabled: Bool {
    if RecordingPause.alive.load(ordering: .relaxed) == 0 { return true }
    return RecordingPause.current == nil
  }

  /// `GradMode.$isEnabled`, the switch. (Swift reserves `$` names for the projections of
  /// property wrappers, and a static wrapped property would be global mutable state, so the
  /// projection is an instance's, reached by dynamic member lookup.)
  public static subscript(dynamicMember projection: KeyPath<GradModeProjections, RecordingSwitch>)
    -> RecordingSwitch
  {
    GradModeProjections()[keyPath: projection]
  }
}

/// Runs `body` with recording switched off: every value made inside is a constant.
public func withoutGrad<R>(_ body: () throws -> R) rethrows -> R {
  try GradMode.$isEnabled.withValue(false) { try body() }
}

/// Where `GradMode.$isEnabled` comes from; see `GradMode`.
public struct GradModeProjections: Sendable {
  @RecordingSwitch public var isEnabled: Bool
}

/// The switch of the recording mode: `GradMode.$isEnabled.withValue(false) { … }`.
///
/// Reading a task-local value walks the task's bindings, which showed in profiles of graph
/// building, so the mode is kept so that it need not be read: the binding holds a
/// `RecordingPause` while recording is off, and the pauses alive are counted. While none is
/// alive no task can see recording off. A task started inside `withoutGrad` inherits the binding
/// and so keeps its pause alive: the count stays exact however long the task outlives the scope.
@propertyWrapper
public struct RecordingSwitch: Sendable {
  public init() {}

  /// Whether the current task records operations: `GradMode.isEnabled`.
  public var wrappedValue: Bool { GradMode.isEnabled }

  public var projectedValue: RecordingSwitch { self }

  /// Runs `operation` with recording on (`true`) or off, for it and the tasks it starts.
  public func withValue<R>(_ enabled: Bool, operation: () throws -> R) rethrows -> R {
    try RecordingPause.$current.withValue(enabled ? nil : RecordingPause()) { try operation() }
  }

  /// Runs the asynchronous `operation` with recording on (`true`) or off.
  public func withValue<R>(
    _ enabled: Bool, isolation: isolated (any Actor)? = #isolation,
    operation: () async throws -> R
  ) async rethrows -> R {
    try await RecordingPause.$current.withValue(enabled ? nil : RecordingPause()) {
      try await operation()
    }
  }
}

/// Recording switched off, for as long as a task can see it (see `RecordingSwitch`).
final class RecordingPause: Sendable {
  /// The pause of the current task; nil while recording is on.
  @TaskLocal static var current: RecordingPause?

  /// How many pauses are alive, in any task.
  static let alive = Atomic<Int>(0)

  // Relaxed is enough: a task that sees a pause in its binding was started, or bound it, after
  // the pause was made, so it reads a count that includes it.
  init() { Self.alive.add(1, ordering: .relaxed) }
  deinit { Self.alive.subtract(1, ordering: .relaxed) }
}
