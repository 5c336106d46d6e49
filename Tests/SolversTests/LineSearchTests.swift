import Autodiff
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// φ(α) = f(α) with f(x) = x⁴ − 3x from x = 0 along d = 1: f' = 4x³ − 3, minimiser (3/4)^(1/3).
@Suite struct LineSearchTests {
  let objective = Objective<Double>(
    dimension: 1, value: { x in x[0] * x[0] * x[0] * x[0] - 3 * x[0] },
    gradient: { x, g in
      g[0] = 4 * x[0] * x[0] * x[0] - 3
      return x[0] * x[0] * x[0] * x[0] - 3 * x[0]
    })
  func phi(_ a: Double) -> Double { a * a * a * a - 3 * a }
  func dphi(_ a: Double) -> Double { 4 * a * a * a - 3 }

  @Test(arguments: [0.01, 1, 3, 50])
  func armijoStepSatisfiesSufficientDecrease(initial: Double) throws {
    let outcome = try ArmijoLineSearch().search(
      objective, x: [0], f: 0, gradient: [-3], direction: [1], initialStep: initial)
    guard case .accepted(let step) = outcome else {
      Issue.record("Armijo failed")
      return
    }
    #expect(phi(step.alpha) <= phi(0) + 1e-4 * step.alpha * dphi(0))
    #expect(step.alpha <= initial)
  }

  @Test(arguments: [0.01, 1, 3, 50])
  func wolfeStepSatisfiesStrongWolfe(initial: Double) throws {
    for c2 in [0.9, 0.1] {
      let outcome = try WolfeLineSearch(c2: c2).search(
        objective, x: [0], f: 0, gradient: [-3], direction: [1], initialStep: initial)
      guard case .accepted(let step) = outcome else {
        Issue.record("Wolfe failed")
        return
      }
      #expect(step.curvatureSatisfied)
      #expect(phi(step.alpha) <= phi(0) + 1e-4 * step.alpha * dphi(0))
      #expect(abs(dphi(step.alpha)) <= c2 * abs(dphi(0)))
    }
  }

  /// Along the trace of steepest descent on rosenbrock, with dₖ = −∇f(xₖ):
  /// f(xₖ₊₁) ≤ f(xₖ) − c1·‖xₖ₊₁ − xₖ‖·‖∇f(xₖ)‖ (sufficient decrease, since αₖ‖dₖ‖ is the step
  /// length), and for Wolfe |∇f(xₖ₊₁)ᵀdₖ| ≤ 0.1·|∇f(xₖ)ᵀdₖ|, with gradients recomputed by the
  /// hand-written rosenbrock gradient.
  @Test(arguments: LineSearchKind.allCases)
  func steepestDescentStepsSatisfyTheConditions(kind: LineSearchKind) {
    var options = SolverOptions<Double>()
    options.maxIterations = 200
    let rosen = TestObjectives.rosenbrock(2, as: Double.self)
    let result = SteepestDescent(lineSearch: kind).minimize(
      rosen, from: [-1.2, 1], options: options)
    #expect(result.trace.count > 50)
    let check = TestObjectives.rosenbrock(2, as: Double.self)
    for (a, b) in zip(result.trace, result.trace.dropFirst()) {
      var ga = [Double]()
      _ = try? check.gradient(a.x, into: &ga)
      // ‖∇f(xₖ)‖₂: the trace's norm is ‖∇f‖∞, the norm of the stopping test.
      let gaNorm = ga.map { $0 * $0 }.reduce(0, +).squareRoot()
      #expect(b.f <= a.f - 1e-4 * b.stepLength * gaNorm + 1e-15 * abs(a.f))
      #expect(b.extras["line_search_trials"] != nil)
      if kind == .wolfe {
        var gb = [Double]()
        _ = try? check.gradient(b.x, into: &gb)
        let d = ga.map { -$0 }
        let s0 = zip(ga, d).map(*).reduce(0, +)
        let s1 = zip(gb, d).map(*).reduce(0, +)
        #expect(abs(s1) <= 0.1 * abs(s0) * (1 + 1e-9), "iteration \(b.iteration)")
      }
    }
  }

  /// f = x² whose gradient is reported as NaN inside |x| < 1, as at the tip of a cone: f is
  /// finite and smallest there, but the method cannot use such a point.
  let undefinedGradientInside = Objective<Double>(
    dimension: 1, value: { x in x[0] * x[0] },
    gradient: { x, g in
      g[0] = abs(x[0]) < 1 ? .nan : 2 * x[0]
      return x[0] * x[0]
    })

  /// From x = 3 along d = −3 the unit step lands on 0, where f is least but ∇f is NaN: the
  /// search must settle on a point with a finite gradient (1 ≤ |x| < 3, so f ≥ 1).
  @Test func wolfeDoesNotAcceptAPointWithoutAGradient() throws {
    let outcome = try WolfeLineSearch().search(
      undefinedGradientInside, x: [3], f: 9, gradient: [6], direction: [-3], initialStep: 1)
    guard case .accepted(let step) = outcome else {
      Issue.record("Wolfe failed")
      return
    }
    let gradient = try #require(step.gradient)
    #expect(gradient[0].isFinite)
    #expect(abs(step.x[0]) >= 1 && step.f >= 1)
    #expect(step.f <= 9 - 1e-4 * step.alpha * 18)
  }

  /// Steepest descent steps into |x| < 1 (Armijo accepts by f alone); each accepted point must
  /// still have a finite gradient, and the run ends at the edge of the region with a line-search
  /// failure, not as diverged.
  @Test(arguments: LineSearchKind.allCases)
  func stepsNeverLandWhereTheGradientIsUndefined(kind: LineSearchKind) {
    var options = SolverOptions<Double>()
    options.maxIterations = 100
    let result = SteepestDescent(lineSearch: kind).minimize(
      undefinedGradientInside, from: [3], options: options)
    #expect(result.status == .lineSearchFailed)
    #expect(result.trace.count > 1)
    for record in result.trace {
      #expect(record.gradientNorm.isFinite, "iteration \(record.iteration)")
      #expect(abs(record.x[0]) >= 1)
    }
  }
}
