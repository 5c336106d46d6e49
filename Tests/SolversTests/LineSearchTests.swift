import Solvers
import Testing

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
      #expect(b.f <= a.f - 1e-4 * b.stepLength * a.gradientNorm + 1e-15 * abs(a.f))
      #expect(b.extras["line_search_trials"] != nil)
      if kind == .wolfe {
        var ga = [Double]()
        var gb = [Double]()
        _ = try? check.gradient(a.x, into: &ga)
        _ = try? check.gradient(b.x, into: &gb)
        let d = ga.map { -$0 }
        let s0 = zip(ga, d).map(*).reduce(0, +)
        let s1 = zip(gb, d).map(*).reduce(0, +)
        #expect(abs(s1) <= 0.1 * abs(s0) * (1 + 1e-9), "iteration \(b.iteration)")
      }
    }
  }
}
