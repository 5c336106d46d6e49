import Autodiff
import Foundation
import GSLReference
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// The shared stopping rules apply to GSL runs through the RunRecorder.
@Suite struct StoppingTests {
  @Test(arguments: GSLCatalog.minimizerNames)
  func iterationLimit(solverName: String) throws {
    var options = SolverOptions<Double>()
    options.maxIterations = 5
    let function = TestFunctions.rosenbrock
    let result = try GSLCatalog.make(solverName).minimize(
      function.objective(Double.self), from: function.start, options: options)
    #expect(result.status == .iterationLimit, "\(result.message)")
    #expect(result.iterations == 5)
    #expect(result.trace.map(\.iteration) == Array(0...5))
  }

  @Test(arguments: GSLCatalog.minimizerNames)
  func callbackStops(solverName: String) throws {
    var options = SolverOptions<Double>()
    var seen: [Int] = []
    options.callback = { record in
      seen.append(record.iteration)
      return record.iteration == 3 ? .stop : .proceed
    }
    let function = TestFunctions.rosenbrock
    let result = try GSLCatalog.make(solverName).minimize(
      function.objective(Double.self), from: function.start, options: options)
    #expect(result.status == .stoppedByCallback)
    #expect(result.iterations == 3)
    #expect(seen == [0, 1, 2, 3])
  }

  /// The x of each record is GSL's iterate, and its f is f there.
  @Test(arguments: GSLCatalog.minimizerNames)
  func traceIsConsistent(solverName: String) throws {
    var options = SolverOptions<Double>()
    options.maxIterations = 20
    let function = TestFunctions.goldstein
    let result = try GSLCatalog.make(solverName).minimize(
      function.objective(Double.self), from: function.start, options: options)
    for record in result.trace {
      #expect(record.f == function.value(record.x))
    }
    #expect(result.f == result.trace.map(\.f).min())
  }

  /// With a tolerance no Double run can meet, bfgs2 on Rosenbrock ends by GSL_ENOPROG at (1, 1),
  /// a minimizer to the working precision: reported as the precision limit, with GSL's own
  /// sentence (gsl_strerror) kept in the message.
  @Test func noProgressAtTheMinimizerIsThePrecisionLimit() throws {
    var options = SolverOptions<Double>()
    options.gradientTolerance = 1e-14
    let function = TestFunctions.rosenbrock
    let result = try GSLCatalog.make("gsl-vector-bfgs2").minimize(
      function.objective(Double.self), from: function.start, options: options)
    #expect(result.status == .precisionLimit)
    #expect(result.message.contains("iteration is not making progress towards solution"))
    #expect(abs(result.x[0] - 1) < 1e-6 && abs(result.x[1] - 1) < 1e-6)
  }

  /// A gradient whose y-component has the wrong sign: on x² + y² from (1, 1) every step along
  /// GSL's direction goes uphill. Where GSL stops there, far from the minimizer, the run is not
  /// converged.
  @Test(arguments: ["gsl-vector-bfgs2", "gsl-conjugate-fr"])
  func noProgressFarFromAMinimizerIsNotConverged(solverName: String) throws {
    let broken = TestFunction(
      name: "x² + y², ∂f/∂y negated", dimension: 2, value: { v in v[0] * v[0] + v[1] * v[1] },
      gradient: { v in [2 * v[0], -2 * v[1]] }, start: [1, 1], minimizer: [0, 0])
    let result = try GSLCatalog.make(solverName).minimize(
      broken.objective(Double.self), from: broken.start, options: .init())
    #expect(!result.converged, "\(result.status): \(result.message)")
    #expect(result.x[1] > 0.5)
  }

  /// With the size tolerance given, the simplex stops by it: size ≤ xTolerance · (1 + ‖x‖∞).
  @Test func simplexStopsBySize() throws {
    var options = SolverOptions<Double>()
    options.xTolerance = 1e-3
    let function = TestFunctions.sphere
    let result = try GSLCatalog.make("gsl-nmsimplex2").minimize(
      function.objective(Double.self), from: function.start, options: options)
    #expect(result.status == .xTolerance)
    let last = try #require(result.trace.last)
    let size = try #require(last.extras["simplex_size"])
    let scale = 1 + last.x.map(abs).max()!
    #expect(size <= 1e-3 * scale)
    let previous = result.trace.dropLast().last?.extras["simplex_size"] ?? .infinity
    #expect(previous > 1e-3 * (1 + result.trace.dropLast().last!.x.map(abs).max()!))
  }
}

/// Runs in parallel share nothing but the once-disabled GSL error handler.
@Suite struct ConcurrencyTests {
  @Test func parallelRunsAgree() async throws {
    let function = TestFunctions.quadratic
    let results = await withTaskGroup(of: [Double].self) { group in
      for name in GSLCatalog.minimizerNames {
        group.addTask {
          let solver = try! GSLCatalog.make(name)
          var options = SolverOptions<Double>()
          options.maxIterations = 100_000
          return solver.minimize(
            function.objective(Double.self), from: function.start, options: options
          ).x
        }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.count == GSLCatalog.minimizerNames.count)
    for x in results {
      for (xi, mi) in zip(x, function.minimizer) { #expect(abs(xi - mi) <= 1e-6) }
    }
  }

  @Test func timeLimitStops() throws {
    var options = SolverOptions<Double>()
    options.timeLimit = 0
    let function = TestFunctions.rosenbrock
    let result = try GSLCatalog.make("gsl-conjugate-pr").minimize(
      function.objective(Double.self), from: function.start, options: options)
    #expect(result.status == .timeLimit)
    #expect(result.iterations == 0)
  }
}

/// The time limit reaches inside one long GSL call: nmsimplex2's set-up evaluates all n + 1
/// vertices of its first simplex before returning, here 51 evaluations of 2 ms each.
@Suite struct TimeLimitInsideGSLTests {
  @Test func timeLimitStopsTheSimplexSetUp() throws {
    let n = 50
    let slow = Objective<Double>(
      dimension: n,
      value: { x in
        Thread.sleep(forTimeInterval: 0.002)
        return x.reduce(0) { $0 + $1 * $1 }
      },
      gradient: { x, g in
        for i in x.indices { g[i] = 2 * x[i] }
        return x.reduce(0) { $0 + $1 * $1 }
      })
    var options = SolverOptions<Double>()
    options.timeLimit = 0.02
    let result = try GSLCatalog.make("gsl-nmsimplex2").minimize(
      slow, from: Array(repeating: 1, count: n), options: options)
    #expect(result.status == .timeLimit)
    // 0.02 s at ≥ 2 ms each allows at most 10 evaluations and the one that found the limit.
    #expect(result.counts.f <= 12)
  }
}
