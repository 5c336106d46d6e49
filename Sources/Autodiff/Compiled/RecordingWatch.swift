import Synchronization

/// What a closure did, while it was being recorded, that a recording cannot replay: it read the
/// value of something computed from its input (so a branch or a constant may depend on the
/// point), or it read an element past the end of its input.
///
/// A `CompiledFunction` replays the operations the closure made at the recording point; Swift
/// code that looked at a value there is not replayed, so its choice is frozen. Reading a value
/// is the only way such a choice can be made, so watching the reads finds every one.
final class RecordingWatch: Sendable {
  /// The watch of the current task; nil when no recording is watched.
  @TaskLocal static var current: RecordingWatch?

  /// How many watches are alive, in any task: while none is, a read does not look up the
  /// task-local binding (the scheme of `RecordingPause`).
  static let alive = Atomic<Int>(0)

  struct Findings {
    var valueReads = 0
    /// The first element read out of range: the index asked for and the count there was.
    var outOfRange: (index: Int, count: Int)?
  }

  let findings = Mutex(Findings())

  init() { Self.alive.add(1, ordering: .relaxed) }
  deinit { Self.alive.subtract(1, ordering: .relaxed) }

  /// Runs `body` with a new watch and returns its result with what the watch saw.
  static func watching<R>(_ body: () throws -> R) rethrows -> (R, Findings) {
    let watch = RecordingWatch()
    let result = try $current.withValue(watch) { try body() }
    return (result, watch.findings.withLock { $0 })
  }

  /// The current watch, if any; cheap while none is alive.
  static var active: RecordingWatch? {
    if alive.load(ordering: .relaxed) == 0 { return nil }
    return current
  }
}

/// Called by `Variable.value` and `Variable.scalar` for a variable that depends on an input.
@usableFromInline
func noteValueRead() {
  RecordingWatch.active?.findings.withLock { $0.valueReads += 1 }
}
