import Foundation
import Synchronization

/// Notices an input that runs too long. The fuzzing loop stamps the time each input starts; a
/// thread of its own checks the stamp, and past the limit it copies the current input to the
/// hang file, says so, and ends the process: an endless loop is a finding, not a wait.
///
/// The limit is on the process's CPU time, so that a machine busy with other work does not turn
/// slow inputs into hangs; a wall-clock limit sixty times longer catches an input that blocks
/// without computing.
final class Watchdog: Sendable {
  private let startedAt = Atomic<UInt64>(0)
  private let cpuStartedAt = Atomic<UInt64>(0)
  private let limitNanoseconds: UInt64
  private let onHang: @Sendable (Double) -> Never

  init(limitSeconds: Double, onHang: @escaping @Sendable (Double) -> Never) {
    limitNanoseconds = UInt64(limitSeconds * 1e9)
    self.onHang = onHang
  }

  /// Call as an input starts.
  func inputStarted() {
    cpuStartedAt.store(Self.cpuNow(), ordering: .relaxed)
    startedAt.store(Self.now(), ordering: .relaxed)
  }

  /// Call when the input is done (0 means idle).
  func inputFinished() { startedAt.store(0, ordering: .relaxed) }

  func start() {
    let thread = Thread { [self] in
      while true {
        Thread.sleep(forTimeInterval: 0.1)
        let started = startedAt.load(ordering: .relaxed)
        guard started != 0 else { continue }
        let elapsed = Self.now() &- started
        let cpu = Self.cpuNow() &- cpuStartedAt.load(ordering: .relaxed)
        guard elapsed < UInt64.max / 2, cpu < UInt64.max / 2 else { continue }
        if cpu > limitNanoseconds || elapsed > 60 * limitNanoseconds {
          onHang(Double(cpu) / 1e9)
        }
      }
    }
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// Monotonic wall-clock time in nanoseconds.
  static func now() -> UInt64 { clock(CLOCK_MONOTONIC) }

  /// CPU time of the whole process in nanoseconds (the watchdog's own share is negligible).
  static func cpuNow() -> UInt64 { clock(CLOCK_PROCESS_CPUTIME_ID) }

  private static func clock(_ id: clockid_t) -> UInt64 {
    var t = timespec()
    clock_gettime(id, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
  }
}
