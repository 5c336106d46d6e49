import Autodiff
import OptimizationCore
import Solvers
import Testing
import _TestSupport

@Suite struct TraceCoordinateLimitTests {
  /// Sphere in 50 dimensions from (1, 2, …, 50): the trace keeps the first three coordinates,
  /// the result keeps all fifty, and the kept coordinates are those of the unlimited run.
  @Test func recordsKeepOnlyTheFirstCoordinates() {
    let n = 50
    let start = (1...n).map(Double.init)
    var options = SolverOptions<Double>()
    options.maxIterations = 5
    let full = SGD(learningRate: 0.1).minimize(
      TestObjectives.sphere(n, as: Double.self), from: start, options: options)
    options.traceCoordinateLimit = 3
    let limited = SGD(learningRate: 0.1).minimize(
      TestObjectives.sphere(n, as: Double.self), from: start, options: options)
    #expect(limited.trace.count == 6)
    #expect(limited.trace.allSatisfy { $0.x.count == 3 })
    // x ← 0.8·x each step: after five steps xᵢ = 0.8⁵·i.
    #expect(limited.x.count == n)
    let scale = 0.8 * 0.8 * 0.8 * 0.8 * 0.8
    #expect(zip(limited.x, start).allSatisfy { abs($0 - scale * $1) < 1e-12 })
    for (a, b) in zip(limited.trace, full.trace) {
      #expect(a.x == Array(b.x.prefix(3)))
      #expect(a.f == b.f)
      #expect(a.stepLength == b.stepLength)
    }
  }

  @Test func aLimitOfZeroKeepsNoCoordinatesAndALargeLimitKeepsAll() {
    var options = SolverOptions<Double>()
    options.maxIterations = 2
    options.traceCoordinateLimit = 0
    let none = BFGS().minimize(TestObjectives.sphere(4), from: [1, 2, 3, 4], options: options)
    #expect(none.trace.allSatisfy { $0.x.isEmpty })
    #expect(none.x.count == 4)
    options.traceCoordinateLimit = 100
    let all = BFGS().minimize(TestObjectives.sphere(4), from: [1, 2, 3, 4], options: options)
    #expect(all.trace.allSatisfy { $0.x.count == 4 })
  }
}
