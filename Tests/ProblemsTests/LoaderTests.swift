import Autodiff
import Foundation
import Testing

@testable import Problems

@Suite struct LoaderTests {
  @Test func parametersInSizesExpressionsAndStart() throws {
    let toml = """
      title = "Chained"
      variables = ["x[n]", "s"]
      objective = "sum((x[1:] - x[:-1])^2) + k*s^2"
      start = "[repeat([-1.2, 1], n/2), k]"
      [parameters]
      n = 4
      k = 3
      """
    let p = try problem(toml)
    #expect(p.dimension == 5)
    #expect(p.variables.map(\.name) == ["x", "s"])
    #expect(p.variables.map(\.shape) == [.vector(4), .scalar])
    #expect(p.coordinateNames == ["x[0]", "x[1]", "x[2]", "x[3]", "s"])
    #expect(p.start == [-1.2, 1, -1.2, 1, 3])
    // (2.2² · 3) + 3·3² by hand
    #expect(Swift.abs(p.value(at: p.start) - (3 * 2.2 * 2.2 + 27)) < 1e-12)

    let overridden = try problem(toml, parameters: ["n": 6, "k": 1])
    #expect(overridden.dimension == 7)
    #expect(overridden.parameters == ["n": 6, "k": 1])
    #expect(overridden.start == [-1.2, 1, -1.2, 1, -1.2, 1, 1])
  }

  @Test func constantsScalarAndVector() throws {
    let toml = """
      title = "Weighted"
      variables = ["x[3]"]
      objective = "dot(w, (x - c)^2) + s"
      start = [0, 0, 0]
      [constants]
      w = [1, 2, 3]
      c = [1.0, 1.0, 2.0]
      s = 0.5
      """
    let p = try problem(toml)
    #expect(p.value(at: [0, 0, 0]) == 1 + 2 + 12 + 0.5)
    #expect(p.value(at: [1, 1, 2]) == 0.5)
  }

  @Test func residualLossesByHand() throws {
    func residualProblem(_ loss: String?) throws -> Problem {
      var toml = """
        title = "R"
        variables = ["x", "y"]
        residuals = ["x - 1", "[y, 2*y]"]
        start = [3, 1]
        """
      if let loss { toml += "\nloss = \"\(loss)\"" }
      return try problem(toml)
    }
    // r(3, 1) = [2, 1, 2]: Σ r² = 9
    let sum = try residualProblem(nil)
    #expect(sum.isResidual)
    #expect(sum.residualCount == 3)
    #expect(sum.residuals(at: [3, 1]) == [2, 1, 2])
    #expect(sum.value(at: [3, 1]) == 9)
    #expect(try residualProblem("sum").value(at: [3, 1]) == 9)
    #expect(try residualProblem("mean").value(at: [3, 1]) == 3)
    #expect(try residualProblem("half").value(at: [3, 1]) == 4.5)
  }

  @Test func anObjectiveProblemHasNoResiduals() throws {
    let p = try problem("title = \"T\"\nvariables = [\"x\"]\nobjective = \"x^2\"\nstart = [1]")
    #expect(!p.isResidual)
    #expect(p.residualCount == 0)
    #expect(p.residuals(at: [1]).isEmpty)
  }

  @Test func dataColumnsFromACSVNextToTheFile() throws {
    let p = try ProblemCatalog.load(fixtures.appendingPathComponent("fit.toml").path)
    #expect(p.name == "fit")
    #expect(p.title == "Fixture: exponential fit")
    #expect(p.residualCount == 3)  // the blank line is skipped
    let r = p.residuals(at: [2, 0.5])
    #expect(r.allSatisfy { Swift.abs($0) < 1e-15 })
    // At the start (1, 0.1): r = exp(-0.1 t) - y, summed squares by hand.
    let t = [0.0, 1, 2]
    let y = [2.0, 1.2130613194252668, 0.7357588823428847]
    let expected = zip(t, y).map { Foundation.exp(-0.1 * $0) - $1 }.map { $0 * $0 }.reduce(0, +)
    #expect(Swift.abs(p.value(at: [1, 0.1]) - expected) < 1e-14)
  }

  @Test func knownPointsAndPlot() throws {
    let toml = """
      title = "Two"
      description = "A paragraph."
      variables = ["x", "y"]
      objective = "x^2 + y^2"
      start = [1, 1]
      [minimum]
      f = 0
      x = [0, 0]
      [[local_minima]]
      x = [1, 2]
      f = 5
      [[local_minima]]
      x = [3, 4]
      f = 25.0
      [plot]
      x = [-2, 2]
      y = [-1.5, 3]
      log = true
      """
    let p = try problem(toml)
    #expect(p.summary == "A paragraph.")
    #expect(p.minimum == KnownPoint(f: 0, x: [0, 0]))
    #expect(p.localMinima == [KnownPoint(f: 5, x: [1, 2]), KnownPoint(f: 25, x: [3, 4])])
    #expect(p.plot == PlotSettings(x: -2...2, y: -1.5...3, log: true))

    // [plot] is ignored unless there are exactly two scalar unknowns.
    let vector = try problem(
      "title = \"V\"\nvariables = [\"x[2]\"]\nobjective = \"sum(x)\"\nstart = [1, 1]\n"
        + "[plot]\nx = [0, 1]\ny = [0, 1]")
    #expect(vector.plot == nil)
    #expect(vector.minimum == nil)
  }

  @Test func theContractExamplesLoad() throws {
    let goldstein = """
      title = "Goldstein–Price"
      variables = ["x", "y"]
      objective = \"\"\"
      (1 + (x + y + 1)^2 * (19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))
        * (30 + (2*x - 3*y)^2 * (18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))
      \"\"\"
      start = [-0.5, 0.25]

      [minimum]
      x = [0.0, -1.0]
      f = 3.0
      """
    #expect(try problem(goldstein).value(at: [0, -1]) == 3)
    let sqrt2 = """
      title = "Square root of 2 as a least-squares loss"
      variables = ["x"]
      residuals = ["x^2 - 2"]
      loss = "mean"
      start = [1.0]
      """
    #expect(try problem(sqrt2).value(at: [1]) == 1)
  }

  @Test func knownPointsAreDroppedWhenAnOverrideChangesTheProblem() throws {
    let toml = """
      title = "Sized"
      variables = ["x[n]"]
      objective = "sum((x - 1)^2)"
      start = "repeat(0, n)"
      [parameters]
      n = 2
      [minimum]
      f = 0
      x = [1, 1]
      [[local_minima]]
      f = 1
      x = [1, 2]
      """
    #expect(try problem(toml).minimum == KnownPoint(f: 0, x: [1, 1]))
    #expect(try problem(toml, parameters: ["n": 2]).localMinima.count == 1)
    let resized = try problem(toml, parameters: ["n": 3])
    #expect(resized.dimension == 3)
    #expect(resized.minimum == nil)
    #expect(resized.localMinima.isEmpty)
  }
}
