import Autodiff
import GSLReference
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// A GSL run's counts are the evaluations its callbacks actually made, as seen by a counter
/// inside the objective's own closures; evaluation limits are honoured exactly.
@Suite struct CountingTests {
  @Test(arguments: GSLCatalog.minimizerNames)
  func countsEqualCallbacks(solverName: String) throws {
    let counter = EvaluationCounter()
    let function = TestFunctions.rosenbrock
    var options = SolverOptions<Double>()
    options.maxIterations = 40
    let result = try GSLCatalog.make(solverName).minimize(
      function.objective(Double.self, counter: counter), from: function.start, options: options)
    #expect(result.counts.f == counter.values)
    #expect(result.counts.gradient == counter.gradients)
    #expect(result.counts.hessian == 0)
    if solverName == "gsl-nmsimplex2" {
      #expect(counter.gradients == 0)
      #expect(counter.values > result.iterations)
    } else {
      // Every iterate comes with its gradient, the start's included.
      #expect(counter.gradients >= result.iterations + 1)
    }
    // An iteration that ends the run with an error made evaluations but records no iterate.
    let traced = result.trace.map(\.counts.gradient) + [result.counts.gradient]
    #expect(zip(traced, traced.dropFirst()).allSatisfy { $0 <= $1 })
  }

  @Test(arguments: GSLGradientMethod.allCases.map(\.name))
  func gradientLimitIsExact(solverName: String) throws {
    let counter = EvaluationCounter()
    let function = TestFunctions.rosenbrock
    var options = SolverOptions<Double>()
    options.maxGradientEvaluations = 7
    let result = try GSLCatalog.make(solverName).minimize(
      function.objective(Double.self, counter: counter), from: function.start, options: options)
    #expect(result.status == .evaluationLimit, "\(result.message)")
    #expect(counter.gradients == 7)
    #expect(result.counts.gradient == 7)
    #expect(result.counts.f == counter.values)
    #expect(result.x.allSatisfy(\.isFinite) && result.f.isFinite)
  }

  /// GSL's steepest descent calls only fdf, so it has no f evaluations to limit.
  @Test(arguments: ["gsl-conjugate-fr", "gsl-vector-bfgs2", "gsl-nmsimplex2"])
  func valueLimitIsExact(solverName: String) throws {
    let counter = EvaluationCounter()
    let function = TestFunctions.rosenbrock
    var options = SolverOptions<Double>()
    options.maxFunctionEvaluations = 12
    let result = try GSLCatalog.make(solverName).minimize(
      function.objective(Double.self, counter: counter), from: function.start, options: options)
    #expect(result.status == .evaluationLimit, "\(result.message)")
    #expect(counter.values == 12)
    #expect(result.counts.f == 12)
    #expect(result.counts.gradient == counter.gradients)
  }
}
