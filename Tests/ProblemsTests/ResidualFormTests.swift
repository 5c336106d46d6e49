import Autodiff
import Foundation
import OptimizationCore
import Testing
import _TestSupport

@testable import Problems

/// The residual form the least-squares methods read: r and J from the compiled projection,
/// against the define-by-run residuals and central finite differences of them.
@Suite struct ResidualFormTests {
  /// decay (m = 1000, n = 2) and bard (15 × 3) take the Jacobian by columns (forward),
  /// rosenbrock (2 × 2) and helical-valley (3 × 3) by rows (reverse).
  @Test(arguments: [
    ("decay", "forward"), ("bard", "forward"), ("rosenbrock", "reverse"),
    ("helical-valley", "reverse"),
  ])
  func residualsAndJacobianAgreeWithFiniteDifferences(name: String, mode: String) throws {
    let problem = try ProblemCatalog.load(name)
    let objective = problem.makeObjective(Double.self)
    let form = try #require(objective.residualForm)
    #expect(form.jacobianMethod.hasPrefix(mode), "\(form.jacobianMethod)")
    let m = problem.residualCount
    let n = problem.dimension
    #expect(form.count == m)
    for x in [problem.start, problem.start.map { $0 * 0.9 + 0.05 }] {
      var r = [Double]()
      try objective.residuals(x, into: &r)
      #expect(maxDifference(r, problem.residuals(at: x)) <= 1e-12 * max(1, r.map(abs).max()!))
      #expect(
        abs(form.scale * r.reduce(0) { $0 + $1 * $1 } - problem.value(at: x)) <= 1e-12
          * max(1, problem.value(at: x)))
      var j = [Double]()
      try objective.jacobian(x, into: &j)
      #expect(j.count == m * n)
      let reference = FiniteDifferences.jacobian({ problem.residuals(at: $0) }, at: x)
      let scale = max(1, reference.flatMap { $0 }.map(abs).max()!)
      #expect(maxDifference(j, reference.flatMap { $0 }) <= 1e-7 * scale, "\(name) at \(x)")
    }
    #expect(objective.counts.f == 2 && objective.counts.gradient == 2)
  }

  @Test func objectiveProblemsHaveNone() throws {
    #expect(try ProblemCatalog.load("goldstein").makeObjective(Double.self).residualForm == nil)
  }

  @Test(arguments: [("sum", 1.0), ("half", 0.5), ("mean", 1.0 / 3)])
  func theScaleIsTheLoss(loss: String, scale: Double) throws {
    let p = try problem(
      """
      title = "t"
      variables = ["x", "y"]
      residuals = ["x - 1", "y + 2", "x*y"]
      loss = "\(loss)"
      start = [0.5, 0.5]
      """)
    #expect(p.makeObjective(Double.self).residualForm?.scale == scale)
  }
}
