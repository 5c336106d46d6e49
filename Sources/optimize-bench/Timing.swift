#if os(Linux)
  import Glibc
#endif

/// Keeps a result alive so the optimiser cannot drop the computation that made it.
@inline(never)
func blackHole<T>(_ value: T) {
  withExtendedLifetime(value) {}
}

func nanoseconds() -> UInt64 {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

/// How long to measure.
struct TimingPlan {
  /// Timed batches; the median is reported.
  var repeats: Int
  /// Target duration of one batch, in nanoseconds: the call count adapts to it.
  var batchNanoseconds: UInt64

  static let full = TimingPlan(repeats: 15, batchNanoseconds: 40_000_000)
  static let quick = TimingPlan(repeats: 5, batchNanoseconds: 8_000_000)
}

/// Median time per call of `body`, in nanoseconds (see `measure`, which also gives the spread).
func timePerCall(_ plan: TimingPlan, _ body: (Int) -> Double) -> Double {
  measure(plan, body).nanoseconds
}

/// Wall-clock and CPU seconds (the whole process's, user and system), read together. On a
/// shared host the CPU clock leaves out the time other processes held the cores.
struct Clocks {
  var wall: Double
  var cpu: Double

  static func now() -> Clocks {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Clocks(
      wall: Double(nanoseconds()) * 1e-9, cpu: Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9)
  }

  static func - (a: Clocks, b: Clocks) -> Clocks {
    Clocks(wall: a.wall - b.wall, cpu: a.cpu - b.cpu)
  }
}
