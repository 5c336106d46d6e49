/// The spread of a timed workload: per-call seconds over repeated timed batches.
struct Measurement {
  /// Median seconds per call over the batches.
  var seconds: Double
  var secondsMin: Double
  var secondsMax: Double

  /// A run measured once, with no spread.
  init(once seconds: Double) {
    self.seconds = seconds
    secondsMin = seconds
    secondsMax = seconds
  }

  init(seconds: Double, secondsMin: Double, secondsMax: Double) {
    self.seconds = seconds
    self.secondsMin = secondsMin
    self.secondsMax = secondsMax
  }

  /// Nanoseconds per call (the median), for the printed tables.
  var nanoseconds: Double { seconds * 1e9 }
}

/// Median, fastest and slowest seconds per call of `body` over the plan's timed batches.
/// `body(k)` makes k calls and returns something depending on all of them; the batch size is
/// first grown until one batch takes the planned time, so that clock reads are negligible.
func measure(_ plan: TimingPlan, _ body: (Int) -> Double) -> Measurement {
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
    samples.append(Double(nanoseconds() - start) / Double(calls) / 1e9)
  }
  samples.sort()
  return Measurement(
    seconds: samples[samples.count / 2], secondsMin: samples[0], secondsMax: samples.last!)
}
