import Autodiff
import Foundation
import OptimizationCore
import Solvers
import Testing
import _TestSupport

@Suite struct StatusTests {
  @Test func iterationLimit() {
    var options = SolverOptions<Double>()
    options.maxIterations = 3
    let result = BFGS().minimize(TestObjectives.rosenbrock(2), from: [-1.2, 1], options: options)
    #expect(result.status == .iterationLimit)
    #expect(result.iterations == 3)
    #expect(result.trace.count == 4)
  }

  @Test(arguments: [5, 17, 40])
  func functionEvaluationLimitIsHonouredExactly(limit: Int) {
    var options = SolverOptions<Double>()
    options.maxFunctionEvaluations = limit
    let objective = TestObjectives.rosenbrock(2, as: Double.self)
    let nm = NelderMead().minimize(objective, from: [-1.2, 1], options: options)
    #expect(nm.status == .evaluationLimit)
    #expect(nm.counts.f == limit)
    let sd = SteepestDescent(lineSearch: .armijo).minimize(
      objective, from: [-1.2, 1], options: options)
    #expect(sd.status == .evaluationLimit)
    #expect(sd.counts.f == limit)
  }

  @Test func gradientEvaluationLimitIsHonouredExactly() {
    var options = SolverOptions<Double>()
    options.maxGradientEvaluations = 7
    let result = LBFGS().minimize(TestObjectives.rosenbrock(2), from: [-1.2, 1], options: options)
    #expect(result.status == .evaluationLimit)
    #expect(result.counts.gradient == 7)
  }

  @Test func timeLimit() {
    let slow = Objective<Double>(
      dimension: 1,
      value: { x in x[0] * x[0] },
      gradient: { x, g in
        Thread.sleep(forTimeInterval: 0.005)
        g[0] = 2 * x[0]
        return x[0] * x[0]
      })
    var options = SolverOptions<Double>()
    options.timeLimit = 0.03
    let result = SGD(learningRate: 1e-4).minimize(slow, from: [1], options: options)
    #expect(result.status == .timeLimit)
  }

  @Test func divergesOnAnUnboundedObjective() {
    var options = SolverOptions<Double>()
    options.divergenceThreshold = 1e12
    let result = SteepestDescent().minimize(
      TestObjectives.unbounded(as: Double.self), from: [0], options: options)
    #expect(result.status == .diverged)
    #expect(result.trace.allSatisfy { $0.f.isFinite && abs($0.f) <= 1e12 })
  }

  /// f = x² for |x| < 10 and NaN outside; SGD with lr = 1.5 maps x to −2x: 1, −2, 4, −8, then
  /// 16 gives NaN. The best point is the start (f = 1), not the last finite iterate (f = 64).
  @Test func divergesOnNaNAndKeepsTheBestPoint() {
    let objective = Objective<Double>(
      dimension: 1,
      value: { x in abs(x[0]) < 10 ? x[0] * x[0] : .nan },
      gradient: { x, g in
        g[0] = 2 * x[0]
        return abs(x[0]) < 10 ? x[0] * x[0] : .nan
      })
    let result = SGD(learningRate: 1.5).minimize(objective, from: [1], options: .init())
    #expect(result.status == .diverged)
    #expect(result.trace.map { $0.x[0] } == [1, -2, 4, -8])
    #expect(result.x == [1])
    #expect(result.f == 1)
  }

  @Test func callbackStops() {
    var options = SolverOptions<Double>()
    options.callback = { record in record.iteration == 2 ? .stop : .proceed }
    let result = BFGS().minimize(TestObjectives.rosenbrock(2), from: [-1.2, 1], options: options)
    #expect(result.status == .stoppedByCallback)
    #expect(result.iterations == 2)
  }

  /// A sweep's target levels are watched through the callback, so it must see the iteration
  /// that converges too; a request to stop there does not hide the convergence.
  @Test func callbackSeesTheConvergingIteration() {
    final class Seen: @unchecked Sendable { var iterations: [Int] = [] }
    let seen = Seen()
    var options = SolverOptions<Double>()
    options.callback = { record in
      seen.iterations.append(record.iteration)
      return record.iteration >= 5 ? .stop : .proceed
    }
    let converging = BFGS().minimize(
      TestObjectives.sphere(2, as: Double.self), from: [1, 2], options: options)
    #expect(converging.status == .gradientTolerance)
    #expect(converging.iterations >= 1 && converging.iterations < 5)
    #expect(seen.iterations.last == converging.iterations)
    #expect(seen.iterations == Array(seen.iterations.first!...converging.iterations))
  }

  @Test(arguments: SolverCatalog.namesForEveryProblem.filter { $0 != "nelder-mead" })
  func stationaryStartConvergesAtIterationZero(name: String) throws {
    let result = try SolverCatalog.make(name).minimize(
      TestObjectives.sphere(2, as: Double.self), from: [0, 0], options: .init())
    #expect(result.status == .gradientTolerance)
    #expect(result.iterations == 0)
    #expect(result.trace.count == 1)
  }

  /// A gradient with the wrong sign: every "descent" direction goes uphill.
  @Test func lineSearchFailsOnAWrongGradient() {
    let wrong = Objective<Double>(
      dimension: 1, value: { x in x[0] * x[0] },
      gradient: { x, g in
        g[0] = -2 * x[0]
        return x[0] * x[0]
      })
    for kind in LineSearchKind.allCases {
      let result = SteepestDescent(lineSearch: kind).minimize(wrong, from: [1], options: .init())
      #expect(result.status == .lineSearchFailed)
    }
  }

  @Test func traceStartsAtTheStartAndCountsAccumulate() {
    let result = BFGS().minimize(TestObjectives.rosenbrock(2), from: [-1.2, 1], options: .init())
    #expect(result.trace.first?.iteration == 0)
    #expect(result.trace.first?.x == [-1.2, 1])
    // 100·(1 − 1.44)² + 2.2² = 19.36 + 4.84
    #expect(abs((result.trace.first?.f ?? 0) - 24.2) < 1e-12)
    for (a, b) in zip(result.trace, result.trace.dropFirst()) {
      #expect(b.counts.gradient >= a.counts.gradient && b.counts.f >= a.counts.f)
      #expect(b.iteration == a.iteration + 1)
    }
    #expect(result.trace.last?.counts == result.counts)
  }
}
