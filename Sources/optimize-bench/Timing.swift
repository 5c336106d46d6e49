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
