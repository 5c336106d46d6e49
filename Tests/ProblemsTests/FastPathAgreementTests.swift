import Autodiff
import Problems
import Testing

/// Points where `optimize-fuzz`'s differential check found the compiled fast path and the
/// define-by-run graph disagreeing on a gradient. Expected values come from the derivative by
/// hand and the conventions documented in Sources/Autodiff/Backward.swift (PyTorch's): on a
/// tie `min`/`max` give each operand half; the exponent gradient `a^b·log a` is 0 where a = 0.
@Suite struct FastPathAgreementTests {
  /// A two-variable problem with this objective, started at `start`.
  func problem(_ objective: String, start: [Double]) throws -> Problem {
    try ProblemCatalog.load(
      toml: """
        title = "t"
        variables = ["x", "y"]
        objective = "\(objective)"
        start = [\(start.map { "\($0)" }.joined(separator: ", "))]
        """,
      name: "agreement", baseDirectory: nil)
  }

  /// The gradient at the start point by reverse mode through the graph.
  func graphGradient(_ problem: Problem) throws -> [Double] {
    let inputs = problem.start.map { Variable($0, requiresGrad: true) }
    try problem.objective(on: inputs).backward()
    return inputs.map { $0.grad?.scalar ?? 0 }
  }

  /// The gradient at the start point by the compiled fast path.
  func fastGradient(_ problem: Problem) -> [Double] {
    var g = [Double](repeating: 0, count: problem.dimension)
    _ = problem.compiled(Double.self).gradient(problem.start, into: &g)
    return g
  }

  /// max(x, y) and min(x, y) at x = y: each operand gets half, [0.5, 0.5].
  @Test(arguments: ["max(x, y)", "min(x, y)"])
  func tieSplitsTheGradient(_ objective: String) throws {
    let p = try problem(objective, start: [0.5, 0.5])
    #expect(try graphGradient(p) == [0.5, 0.5])
    #expect(fastGradient(p) == [0.5, 0.5])
  }

  /// 0^x + y is x-independent for x > 0 (0^x = 0), so the gradient at x = 0.5 is [0, 1].
  @Test func zeroBaseHasNoExponentGradient() throws {
    let p = try problem("0^x + y", start: [0.5, 0.5])
    #expect(try graphGradient(p) == [0, 1])
    #expect(fastGradient(p) == [0, 1])
  }

  /// x^0 = 1 everywhere (IEEE pow gives 0^0 = 1), so the gradient of x^0 + y at (0, 0.5) is
  /// [0, 1]; the documented convention: a zero exponent gives a zero base gradient, also at 0.
  @Test func zeroExponentAtZeroBase() throws {
    let p = try problem("x^0 + y", start: [0, 0.5])
    #expect(try graphGradient(p) == [0, 1])
    #expect(fastGradient(p) == [0, 1])
  }

  /// d/dx (2·x^1e308) at x = 0 is 2·1e308·0^(1e308 − 1) = 0: the gradient is [0, 1]. Multiplying
  /// the incoming gradient 2 by the exponent first would overflow to ∞, and ∞·0 is NaN.
  @Test func hugeExponentAtZeroDoesNotOverflow() throws {
    let p = try problem("2 * x^1e308 + y", start: [0, 0.5])
    #expect(fastGradient(p) == [0, 1])
    #expect(try graphGradient(p) == [0, 1])
  }
}

/// min and max with a NaN operand: the result is NaN and, in both paths, the whole gradient
/// goes to the NaN operand (the graph's documented convention).
@Suite struct NaNOperandAgreementTests {
  @Test(arguments: ["max(x, y)", "min(x, y)", "max(y, x)", "min(y, x)"])
  func nanOperandTakesTheGradient(_ objective: String) throws {
    let toml = """
      title = "t"
      variables = ["x", "y"]
      objective = "\(objective)"
      start = [0.5, 0.5]
      """
    let p = try ProblemCatalog.load(toml: toml, name: "nan", baseDirectory: nil)
    let x = [Double.nan, 0.5]
    var g = [Double](repeating: 0, count: 2)
    let f = p.compiled(Double.self).gradient(x, into: &g)
    #expect(f.isNaN)
    #expect(g == [1, 0])
  }
}
