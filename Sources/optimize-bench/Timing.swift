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

/// Median time per call of `body`, in nanoseconds. `body(k)` makes k calls and returns
/// something depending on all of them. The batch size is first grown until one batch takes
/// the planned time, so that clock reads are negligible.
func timePerCall(_ plan: TimingPlan, _ body: (Int) -> Double) -> Double {
  var calls = 1
  while true {
    let start = nanoseconds()
    blackHole(body(calls))
    let elapsed = nanoseconds() - start
    if elapsed >= plan.batchNanoseconds / 4 || calls >= 1 << 30 {
      let scale = Double(plan.batchNanoseconds) / Double(max(elapsed, 1))
      calls = max(1, Int(Double(calls) * scale))
      break
    }
    calls *= 4
  }
  var samples: [Double] = []
  for _ in 0..<plan.repeats {
    let start = nanoseconds()
    blackHole(body(calls))
    samples.append(Double(nanoseconds() - start) / Double(calls))
  }
  samples.sort()
  return samples[samples.count / 2]
}
