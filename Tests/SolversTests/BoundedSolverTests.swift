import Autodiff
import OptimizationCore
import Problems
import Solvers
import Testing
import _TestSupport

/// The bounded methods on the bounded problem files: the result satisfies the KKT conditions
/// (checked with central differences of f, not the solver's gradient), ends at the minimizer
/// derived by hand in each file, and every iterate on the way is in the box.
@Suite struct BoundedSolverTests {
  static let solvers = ["lbfgsb", "projected-gradient"]
  static let cases = solvers.flatMap { s in ["rosenbrock-box", "quadratic-box"].map { (s, $0) } }

  static func box(_ problem: Problem) throws -> Bounds<Double> {
    let bounds = try #require(problem.bounds)
    return try Bounds(lower: bounds.lower, upper: bounds.upper)
  }

  /// ∂f/∂xᵢ by central differences (h = 1e-6) on the problem's Double evaluator.
  static func centralGradient(_ problem: Problem, at x: [Double]) -> [Double] {
    x.indices.map { i in
      var plus = x
      var minus = x
      plus[i] += 1e-6
      minus[i] -= 1e-6
      return (problem.value(at: plus) - problem.value(at: minus)) / 2e-6
    }
  }

  @Test(arguments: cases)
  func endsOnTheBoundarySatisfyingKKT(solver name: String, problem file: String) throws {
    let problem = try ProblemCatalog.load(file)
    let box = try Self.box(problem)
    let known = try #require(problem.minimum?.x)
    var options = SolverOptions<Double>(maxIterations: 20000, bounds: box)
    var outside: [Int] = []
    options.callback = { record in
      if !box.contains(record.x) { outside.append(record.iteration) }
      return .proceed
    }
    let result = try SolverCatalog.make(name).minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    #expect(result.status == .gradientTolerance, "\(name) on \(file): \(result.message)")
    #expect(outside.isEmpty, "iterates outside the box: \(outside)")
    #expect(result.trace.allSatisfy { box.contains($0.x) })
    #expect(maxDifference(result.x, known) <= 1e-6, "\(name) on \(file): x = \(result.x)")
    #expect(abs(result.f - problem.minimum!.f) <= 1e-10)

    // KKT: with g = ∇f(x) (central differences), a free coordinate has gᵢ = 0, one on its lower
    // bound gᵢ ≥ 0 and one on its upper bound gᵢ ≤ 0 (multiplier λᵢ = |gᵢ| ≥ 0).
    let g = Self.centralGradient(problem, at: result.x)
    let active = box.active(at: result.x)
    for i in result.x.indices {
      switch active.first(where: { $0.index == i })?.side {
      case .lower?: #expect(g[i] >= -1e-6, "\(file): lower bound of x[\(i)] with ∂f = \(g[i])")
      case .upper?: #expect(g[i] <= 1e-6, "\(file): upper bound of x[\(i)] with ∂f = \(g[i])")
      case nil: #expect(abs(g[i]) <= 1e-6, "\(file): free x[\(i)] with ∂f = \(g[i])")
      }
    }
    // The projected gradient, the methods' own stopping measure, is zero to the tolerance.
    var exact = [Double]()
    _ = try problem.makeObjective(Double.self).gradient(result.x, into: &exact)
    #expect(maxMagnitude(box.projectedGradient(at: result.x, gradient: exact)) <= 1e-8)
    #expect(result.gradientNorm <= 1e-8)
  }

  /// The hand-derived active sets and multipliers of the two files (see their descriptions).
  @Test(arguments: solvers)
  func activeBoundsAndMultipliersAreTheDerivedOnes(solver name: String) throws {
    let rosenbrock = try ProblemCatalog.load("rosenbrock-box")
    let box = try Self.box(rosenbrock)
    let r = try SolverCatalog.make(name).minimize(
      rosenbrock.makeObjective(Double.self), from: rosenbrock.start,
      options: SolverOptions(maxIterations: 20000, bounds: box))
    #expect(box.active(at: r.x) == [ActiveBound(index: 0, side: .upper)])
    // λ = −∂f/∂x at (0.5, 0.25) = 1 by hand.
    let lambda = -Self.centralGradient(rosenbrock, at: r.x)[0]
    #expect(abs(lambda - 1) <= 1e-5, "λ = \(lambda)")

    let quadratic = try ProblemCatalog.load("quadratic-box")
    let qbox = try Self.box(quadratic)
    let q = try SolverCatalog.make(name).minimize(
      quadratic.makeObjective(Double.self), from: quadratic.start,
      options: SolverOptions(maxIterations: 20000, bounds: qbox))
    #expect(q.x == [0, 0.5, 1, 3] || maxDifference(q.x, [0, 0.5, 1, 3]) <= 1e-9, "\(q.x)")
    #expect(
      qbox.active(at: q.x) == [
        ActiveBound(index: 0, side: .lower), ActiveBound(index: 2, side: .upper),
      ])
    // ∇f = 2(x − c) = (2, 0, −2, 0): multipliers 2 at both active bounds.
    let g = Self.centralGradient(quadratic, at: q.x)
    #expect(abs(g[0] - 2) <= 1e-6 && abs(g[2] + 2) <= 1e-6, "\(g)")
  }

  /// Starts outside the box (random, seeded) are projected onto it, the message says so, and
  /// every iterate after that is in the box too.
  @Test(arguments: solvers)
  func startsOutsideTheBoxAreProjected(solver name: String) throws {
    let problem = try ProblemCatalog.load("rosenbrock-box")
    let box = try Self.box(problem)
    var state: UInt64 = 2026
    for _ in 0..<10 {
      let start = (0..<2).map { _ -> Double in
        state = state &* 6_364_136_223_846_793_005 &+ 1
        return Double(state >> 11) * 0x1p-53 * 6 - 1  // in [−1, 5): often beyond x ≤ 0.5
      }
      var outside = false
      var options = SolverOptions<Double>(maxIterations: 20000, bounds: box)
      options.callback = { record in
        if !box.contains(record.x) { outside = true }
        return .proceed
      }
      let result = try SolverCatalog.make(name).minimize(
        problem.makeObjective(Double.self), from: start, options: options)
      #expect(!outside)
      #expect(result.trace.first?.x == box.project(start))
      #expect(
        result.message.contains("projected onto them") == !box.contains(start), "\(result.message)")
      #expect(
        result.converged && maxDifference(result.x, [0.5, 0.25]) <= 1e-6, "\(start): \(result.x)")
    }
  }

  /// Two different methods for the same bounded problem agree; on the chained Rosenbrock in a box
  /// where several bounds are active (n = 10, −0.5 ≤ xᵢ ≤ 0.8).
  @Test func projectedGradientAndLBFGSBAgreeOnAChainedRosenbrockBox() throws {
    let problem = try ProblemCatalog.load("rosenbrock-n", parameters: ["n": 10])
    let box = try Bounds<Double>(
      lower: [Double](repeating: -0.5, count: 10), upper: [Double](repeating: 0.8, count: 10))
    let options = SolverOptions<Double>(
      maxIterations: 100_000, gradientTolerance: 1e-9, bounds: box)
    let a = LBFGSB().minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    let b = ProjectedGradient().minimize(
      problem.makeObjective(Double.self), from: problem.start, options: options)
    #expect(a.converged && b.converged, "\(a.message) / \(b.message)")
    #expect(maxDifference(a.x, b.x) <= 1e-6, "\(a.x) vs \(b.x)")
    #expect(!box.active(at: a.x).isEmpty)
    // L-BFGS-B needs far fewer gradients than projected gradient on this valley.
    #expect(a.counts.gradient < b.counts.gradient)
  }

  /// Without a box, L-BFGS-B is a limited-memory quasi-Newton method: Rosenbrock from the
  /// standard start, and the 20-variable chained form.
  @Test func withoutBoundsLBFGSBSolvesRosenbrock() {
    let two = LBFGSB().minimize(
      TestObjectives.rosenbrock(2, as: Double.self), from: [-1.2, 1], options: .init())
    #expect(two.status == .gradientTolerance && maxDifference(two.x, [1, 1]) <= 1e-6, "\(two.x)")
    let n = 20
    let start = (0..<n).map { $0 % 2 == 0 ? -1.2 : 1.0 }
    let chained = LBFGSB().minimize(
      TestObjectives.rosenbrock(n), from: start, options: SolverOptions(maxIterations: 5000))
    #expect(chained.converged && maxDifference(chained.x, [Double](repeating: 1, count: n)) <= 1e-5)
  }

  @Test func floatRunsStayInTheBoxToo() throws {
    let problem = try ProblemCatalog.load("rosenbrock-box")
    let bounds = try #require(problem.bounds)
    let box = try Bounds<Float>(
      lower: bounds.lower.map { Float($0) }, upper: bounds.upper.map { Float($0) })
    for solver in [LBFGSB() as any Solver, ProjectedGradient()] {
      var outside = false
      var options = SolverOptions<Float>(maxIterations: 20000, gradientTolerance: 1e-4, bounds: box)
      options.callback = { record in
        if !box.contains(record.x) { outside = true }
        return .proceed
      }
      let result = solver.minimize(
        problem.makeObjective(Float.self), from: problem.start.map { Float($0) }, options: options)
      #expect(!outside)
      #expect(
        result.converged && result.x[0] == 0.5 && abs(result.x[1] - 0.25) < 1e-3,
        "\(solver.name): \(result.x)")
    }
  }
}
