import Autodiff
import Testing

@testable import Problems

/// The lowering builds the graph one would write by hand: no wrapper nodes.
@Suite struct LoweringTests {
  /// The operations recorded between the inputs and `output`, each node once.
  func operations(_ output: Variable<Double>) -> [String] {
    var seen = Set<ObjectIdentifier>()
    var ops = [String]()
    var stack = [output]
    while let v = stack.popLast() {
      guard seen.insert(ObjectIdentifier(v)).inserted, let op = v.op else { continue }
      ops.append(op.description)
      stack.append(contentsOf: v.inputs)
    }
    return ops.sorted()
  }

  @Test func chainedRosenbrockLowersToTheHandWrittenGraph() throws {
    let p = try ProblemCatalog.load("rosenbrock-n", parameters: ["n": 6])
    let x = Variable([Double](repeating: 0.5, count: 6), requiresGrad: true)
    let lowered = p.objective(on: [x])
    let head = x.slice(nil, -1)
    let byHand = sum(
      100 * pow(x.slice(1, nil) - pow(head, 2), 2) + pow(1 - x.slice(nil, -1), 2))
    #expect(operations(lowered) == operations(byHand))
    #expect(lowered.scalar == byHand.scalar)
  }

  @Test func constantsAreFoldedAtLoadTime() throws {
    let toml = """
      title = "Folded"
      variables = ["x"]
      objective = "(2*pi/4) * x^(1 + 1) + sqrt(16) * exp(0)"
      start = [1]
      """
    let p = try problem(toml)
    let x = Variable(3.0, requiresGrad: true)
    // (π/2)·x² + 4: one power, one multiply, one add; the constants are single leaves.
    #expect(operations(p.objective(on: [x])) == ["*", "+", "^"])
    #expect(Swift.abs(p.objective(on: [x]).scalar - (Double.pi / 2 * 9 + 4)) < 1e-12)
  }

  @Test func normAndSingleVectorLiteralsAddNothing() throws {
    let toml = """
      title = "Norm"
      variables = ["v[3]"]
      objective = "norm([v])"
      start = [1, 2, 2]
      """
    let p = try problem(toml)
    let v = Variable([1.0, 2, 2], requiresGrad: true)
    #expect(operations(p.objective(on: [v])) == ["^", "sqrt", "sum"])
    #expect(p.objective(on: [v]).scalar == 3)
  }
}
