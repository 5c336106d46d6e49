import Autodiff
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// A long run keeps a bounded trace in memory while the log sink sees every kept iteration.
@Suite struct BoundedTraceTests {
  /// Runs SGD (lr 0.01) from 1 for `iterations`, collecting what the log sink receives.
  static func longRun(
    iterations: Int, capacity: Int, every: Int = 1
  ) -> (result: SolverResult<Double>, logged: [IterationRecord<Double>]) {
    var options = SolverOptions<Double>()
    options.maxIterations = iterations
    options.gradientTolerance = 0
    options.traceCapacity = capacity
    options.traceEvery = every
    let logged = Box()
    options.logSink = { logged.records.append($0) }
    let result = SGD(learningRate: 0.01).minimize(
      TestObjectives.sqrt2(), from: [1], options: options)
    return (result, logged.records)
  }

  final class Box { var records: [IterationRecord<Double>] = [] }

  @Test func aLongRunKeepsATraceWithinItsCapacityAndLogsEveryIteration() {
    let n = 100_000
    let capacity = 100
    let (result, logged) = Self.longRun(iterations: n, capacity: capacity)
    #expect(result.iterations == n)

    // The sink saw every iteration, and its x follows the recurrence worked out here.
    #expect(logged.map(\.iteration) == Array(0...n))
    var x = 1.0
    var mismatches = 0
    for record in logged {
      if record.x != [x] { mismatches += 1 }
      x -= 0.01 * (4 * x * (x * x - 2))
    }
    #expect(mismatches == 0)

    // The trace: at most the capacity plus the best and the last; the first half in full.
    let kept = result.trace.map(\.iteration)
    #expect(kept.count <= capacity + 2)
    #expect(Array(kept.prefix(capacity / 2)) == Array(0..<(capacity / 2)))
    #expect(kept.last == n)
    #expect(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 })
    // Evenly spread: the stride doubles only when 50 spaced records are held, so it stays
    // below 2n/50.
    let widestGap = zip(kept, kept.dropFirst()).map { $1 - $0 }.max() ?? 0
    #expect(widestGap <= 4 * n / capacity)
    // Every kept record is the logged one, and the best logged record is kept.
    for record in result.trace {
      #expect(record.x == logged[record.iteration].x)
      #expect(record.f == logged[record.iteration].f)
    }
    let best = logged.min { $0.f < $1.f || ($0.f == $1.f && $0.gradientNorm < $1.gradientNorm) }
    #expect(best.map { kept.contains($0.iteration) } == true)
  }

  @Test func everyKthIterationAndTheLastGoToTheLog() {
    let (result, logged) = Self.longRun(iterations: 1000, capacity: 2000, every: 7)
    let expected = Array(stride(from: 0, through: 999, by: 7)) + [1000]
    #expect(logged.map(\.iteration) == expected)
    #expect(result.trace.map(\.iteration) == expected)
  }

  @Test func anUnboundedCapacityKeepsEveryRecord() {
    let (result, _) = Self.longRun(iterations: 5000, capacity: .max)
    #expect(result.trace.map(\.iteration) == Array(0...5000))
  }
}
