import Autodiff
import Foundation
import Testing
import _TestSupport

@testable import Problems

@Suite struct CompiledProblemTests {
  static let residualProblem = """
    title = "Three residuals"
    variables = ["x", "v[2]"]
    residuals = ["x*v[0] - 1", "[sin(x) + v[1]^2, exp(v[0]) - x]"]
    start = [0.3, 0.7, -1.1]
    """

  @Test func residualJacobianAgreesWithFiniteDifferences() throws {
    let p = try problem(Self.residualProblem)
    for x in [p.start, [1.5, -0.4, 2.0]] {
      let j = p.residualJacobian(at: x)
      let reference = FiniteDifferences.jacobian({ p.residuals(at: $0) }, at: x)
      #expect(j.count == 3 && j.allSatisfy { $0.count == 3 })
      #expect(maxDifference(j.flatMap { $0 }, reference.flatMap { $0 }) < 1e-8)
    }
    // By hand at (x, v0, v1): row 0 = [v0, x, 0].
    #expect(p.residualJacobian(at: [2, 3, 5])[0] == [3, 2, 0])
  }

  @Test func residualJacobianOfADataFit() throws {
    let p = try ProblemCatalog.load(fixtures.appendingPathComponent("fit.toml").path)
    let x = [1.7, 0.3]
    let reference = FiniteDifferences.jacobian({ p.residuals(at: $0) }, at: x)
    #expect(
      maxDifference(p.residualJacobian(at: x).flatMap { $0 }, reference.flatMap { $0 }) < 1e-8)
  }

  @Test(arguments: ["sum", "mean", "half"])
  func batchGradientIsTheLossOverTheRowsGiven(loss: String) throws {
    let p = try problem(Self.residualProblem + "\nloss = \"\(loss)\"")
    let objective = p.makeObjective(Double.self)
    #expect(objective.sampleCount == 3)
    #expect(objective.hasBatchGradient)
    let x = [0.8, -0.6, 1.3]
    for rows in [[0, 1, 2], [1], [2, 0], [0, 0, 2]] {
      let scale = loss == "sum" ? 1 : loss == "half" ? 0.5 : 1 / Double(rows.count)
      // The loss restricted to the rows, built from the residuals alone.
      let restricted = { (x: [Double]) -> Double in
        let r = p.residuals(at: x)
        return scale * rows.map { r[$0] * r[$0] }.reduce(0, +)
      }
      var g = [Double]()
      let f = try objective.batchGradient(x, rows: rows, into: &g)
      #expect(Swift.abs(f - restricted(x)) < 1e-12)
      let reference = FiniteDifferences.gradient(restricted, at: x)
      #expect(maxDifference(g, reference) < 1e-8, "rows \(rows): \(g) vs \(reference)")
    }
    // Over every row once, it is the full objective.
    var gAll = [Double]()
    var gFull = [Double]()
    let fAll = try objective.batchGradient(x, rows: [0, 1, 2], into: &gAll)
    let fFull = try objective.gradient(x, into: &gFull)
    #expect(Swift.abs(fAll - fFull) < 1e-12)
    #expect(maxDifference(gAll, gFull) < 1e-12)
  }

  @Test func objectiveProblemsHaveNoBatchGradient() throws {
    let p = try ProblemCatalog.load("goldstein")
    #expect(!p.isResidual)
    #expect(!p.makeObjective(Double.self).hasBatchGradient)
  }

  @Test func compiledFunctionsAreRecordedOncePerPrecision() throws {
    let p = try ProblemCatalog.load("goldstein")
    #expect(p.compiled(Double.self) === p.compiled(Double.self))
    #expect(p.compiled(Float.self) === p.compiled(Float.self))
    // Goldstein–Price at its minimizer (0, −1) is 3 in any precision.
    #expect(p.compiled(Double.self).value([0, -1]) == 3)
    #expect(p.compiled(Float.self).value([0, -1]) == 3)
  }

  @Test func lowerPrecisionsAgreeWithDouble() throws {
    let p = try ProblemCatalog.load("rosenbrock")
    var gd = [Double]()
    var gf = [Float]()
    let fd = try p.makeObjective(Double.self).gradient(p.start, into: &gd)
    let ff = try p.makeObjective(Float.self).gradient(p.start.map { Float($0) }, into: &gf)
    #expect(Swift.abs(Double(ff) - fd) <= 1e-5 * Swift.abs(fd))
    #expect(maxDifference(gf.map(Double.init), gd) <= 1e-5 * maxMagnitude(gd))
  }

  @Test func halfPrecisionEvaluatesExactlyRepresentableValues() throws {
    // Booth, (x + 2y − 7)² + (2x + y − 5)², at (1, 3) is 0 and at (0, 0) is 74, with gradient
    // (2(−7) + 4(−5), 4(−7) + 2(−5)) = (−34, −38): all exact in Float16.
    let p = try ProblemCatalog.load("booth")
    let objective = p.makeObjective(Float16.self)
    #expect(try objective.value([1, 3]) == 0)
    var g = [Float16]()
    #expect(try objective.gradient([0, 0], into: &g) == 74)
    #expect(g == [-34, -38])
  }

  @Test func defineByRunObjectiveMatchesTheCompiledOne() throws {
    let p = try ProblemCatalog.load("goldstein")
    let x = [0.3, -0.7]
    let inputs = p.split(x)
    let f = withoutGrad { p.objective(on: inputs).scalar }
    #expect(f == p.compiled(Double.self).value(x))
    #expect(f == p.value(at: x))
  }
}
