import Foundation
import OptimizationCore
import Problems
import Solvers
import Testing
import _TestSupport

/// A residual objective written by hand: f = Σ rᵢ², r and J from closures, every call counted
/// by the test too.
final class HandResiduals: @unchecked Sendable {
  let n: Int
  let m: Int
  let r: ([Double]) -> [Double]
  let j: ([Double]) -> [[Double]]
  var residualCalls = 0
  var jacobianCalls = 0

  init(n: Int, m: Int, r: @escaping ([Double]) -> [Double], j: @escaping ([Double]) -> [[Double]]) {
    self.n = n
    self.m = m
    self.r = r
    self.j = j
  }

  func objective() -> Objective<Double> {
    let form = ResidualForm<Double>(
      count: m, scale: 1, jacobianMethod: "by hand",
      residuals: { x, out in
        self.residualCalls += 1
        out = self.r(x)
      },
      jacobian: { x, out in
        self.jacobianCalls += 1
        out = self.j(x).flatMap { $0 }
      })
    return Objective(
      dimension: n,
      value: { x in self.r(x).reduce(0) { $0 + $1 * $1 } },
      gradient: { x, g in
        let r = self.r(x)
        let j = self.j(x)
        for k in 0..<self.n { g[k] = 2 * (0..<self.m).reduce(0) { $0 + j[$1][k] * r[$1] } }
        return r.reduce(0) { $0 + $1 * $1 }
      },
      residualForm: form)
  }

  /// y = 2·exp(−t/2) sampled exactly at t = 0, 0.5, …, 4: the fit a·exp(−k·t) has the zero-residual
  /// solution (a, k) = (2, 0.5).
  static func exactDecay() -> HandResiduals {
    let t = stride(from: 0.0, through: 4.0, by: 0.5).map { $0 }
    let y = t.map { 2 * exp(-0.5 * $0) }
    return HandResiduals(
      n: 2, m: t.count,
      r: { x in zip(t, y).map { x[0] * exp(-x[1] * $0) - $1 } },
      j: { x in t.map { [exp(-x[1] * $0), -x[0] * $0 * exp(-x[1] * $0)] } })
  }

  /// Rosenbrock as MGH #1: r = (10(x₂ − x₁²), 1 − x₁), minimum 0 at (1, 1).
  static func rosenbrock() -> HandResiduals {
    HandResiduals(
      n: 2, m: 2, r: { x in [10 * (x[1] - x[0] * x[0]), 1 - x[0]] },
      j: { x in [[-20 * x[0], 10], [-1, 0]] })
  }

  /// r = atan(x), root 0. From x = 3 the full Gauss–Newton step, x − atan(x)(1 + x²) ≈ −9.49,
  /// overshoots to |atan| ≈ 1.466 > atan(3) ≈ 1.249: f increases, the step must not be taken.
  static func arctangent() -> HandResiduals {
    HandResiduals(n: 1, m: 1, r: { x in [atan(x[0])] }, j: { x in [[1 / (1 + x[0] * x[0])]] })
  }
}

@Suite struct LeastSquaresTests {
  static let solvers: [any Solver] = [
    GaussNewton(), LevenbergMarquardt(), LevenbergMarquardt(geodesicAcceleration: true),
  ]

  @Test(arguments: 0..<3)
  func reachesTheKnownSolutions(index: Int) {
    let solver = Self.solvers[index]
    for (problem, start, solution) in [
      (HandResiduals.exactDecay(), [1.0, 0.1], [2.0, 0.5]),
      (HandResiduals.rosenbrock(), [-1.2, 1.0], [1.0, 1.0]),
      (HandResiduals.arctangent(), [3.0], [0.0]),
    ] {
      let result = solver.minimize(problem.objective(), from: start, options: .init())
      #expect(result.converged, "\(solver.name): \(result.status) \(result.message)")
      #expect(maxDifference(result.x, solution) <= 1e-8, "\(solver.name): x = \(result.x)")
      // Counts are the calls made: residuals as f, Jacobians as gradients (the shared
      // precision check, when a run ends without meeting a tolerance, adds two gradients).
      #expect(result.counts.f == problem.residualCalls, "\(solver.name)")
      if result.status == .gradientTolerance {
        #expect(result.counts.gradient == problem.jacobianCalls, "\(solver.name)")
      } else {
        #expect(result.counts.gradient - problem.jacobianCalls <= 2, "\(solver.name)")
      }
      #expect(result.counts.hessian == 0)
    }
  }

  /// The file's minimum was fitted with scipy and confirmed in 40-digit arithmetic.
  @Test(arguments: 0..<3)
  func fitsTheDecayData(index: Int) throws {
    let problem = try ProblemCatalog.load("decay")
    let known = try #require(problem.minimum)
    let result = Self.solvers[index].minimize(
      problem.makeObjective(Double.self), from: problem.start, options: .init())
    #expect(result.converged, "\(result.status) \(result.message)")
    #expect(maxDifference(result.x, try #require(known.x)) <= 1e-7, "x = \(result.x)")
    #expect(abs(result.f - known.f) <= 1e-12 * known.f)
  }

  /// Gauss–Newton's backtracking: the unit step is refused (it raises f) and the step taken
  /// satisfies Armijo's condition f(x + αp) ≤ f(x) + 1e-4·α·∇fᵀp, here ∇fᵀp = −2·atan(x)².
  @Test func gaussNewtonBacktracksWhenTheFullStepRaisesF() throws {
    let result = GaussNewton().minimize(
      HandResiduals.arctangent().objective(), from: [3], options: .init())
    let first = try #require(result.trace.first { $0.iteration == 1 })
    let alpha = try #require(first.extras["alpha"])
    #expect(alpha < 1)
    let f0 = atan(3.0) * atan(3.0)
    let x1 = try #require(first.x.first)
    #expect(atan(x1) * atan(x1) <= f0 - 1e-4 * alpha * 2 * f0)
  }

  /// Levenberg–Marquardt's trust region: a trial that raises f is rejected (ρ < 10⁻⁴), and f
  /// never increases from one iterate to the next.
  @Test func levenbergMarquardtRejectsAStepThatRaisesF() throws {
    let result = LevenbergMarquardt().minimize(
      HandResiduals.arctangent().objective(), from: [3], options: .init())
    let rejected = result.trace.compactMap { $0.extras["rejected_steps"] }.reduce(0, +)
    #expect(rejected >= 1)
    for (a, b) in zip(result.trace, result.trace.dropFirst()) { #expect(b.f <= a.f) }
    for record in result.trace.dropFirst() {
      #expect((record.extras["rho"] ?? 0) >= 1e-4)
    }
  }

  @Test(arguments: 0..<3)
  func refusesAnObjectiveWithoutResiduals(index: Int) {
    let solver = Self.solvers[index]
    #expect(solver.requiresResiduals)
    let result = solver.minimize(
      TestObjectives.sphere(2, as: Double.self), from: [1, 2], options: .init())
    #expect(result.status == .failed)
    #expect(result.message.contains("applies to residual problems only"), "\(result.message)")
    #expect(result.counts == EvaluationCounts())
  }

  @Test func theCatalogMakesThemAndReadsTheAccelerationSetting() throws {
    let plain = try SolverCatalog.make("levenberg-marquardt")
    #expect((plain as? LevenbergMarquardt)?.geodesicAcceleration == false)
    let accelerated = try SolverCatalog.make(
      "levenberg-marquardt", settings: ["geodesic-acceleration": "on"])
    #expect((accelerated as? LevenbergMarquardt)?.geodesicAcceleration == true)
    #expect(throws: SolverCatalogError.self) {
      try SolverCatalog.make("levenberg-marquardt", settings: ["geodesic-acceleration": "yes"])
    }
    #expect(try SolverCatalog.make("gauss-newton").requiresResiduals)
    #expect(!SolverCatalog.namesForEveryProblem.contains("gauss-newton"))
    #expect(!SolverCatalog.namesForEveryProblem.contains("levenberg-marquardt"))
    #expect(SolverCatalog.namesForEveryProblem.count == SolverCatalog.names.count - 2)
  }
}
