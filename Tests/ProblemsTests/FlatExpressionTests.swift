import Autodiff
import Testing

@testable import Problems

/// `Problem.objective(on:)` and `residuals(on:)` lower the flattened expressions; they must build
/// the graph the expression tree builds (`Node.lowered(on:)`), node for node.
@Suite struct FlatExpressionTests {
  /// The operations of a graph, consumers first, in a fixed order, with each node's value.
  func shape(of root: Variable<Double>) -> [String] {
    var lines: [String] = []
    var pending = [root]
    while let node = pending.popLast() {
      lines.append("\(node.op.map { "\($0)" } ?? "leaf") \(node.value) \(node.inputs.count)")
      pending.append(contentsOf: node.inputs.reversed())
    }
    return lines
  }

  @Test(arguments: ProblemCatalog.builtinNames)
  func flattenedExpressionsBuildTheTreesGraph(name: String) throws {
    let problem = try ProblemCatalog.load(name)
    let inputs = problem.split(problem.start, requiresGrad: true)
    let flat = problem.isResidual ? problem.residuals(on: inputs) : problem.objective(on: inputs)
    let tree =
      problem.isResidual
      ? concatenated(problem.residualNodes.map { $0.lowered(on: inputs) })
      : problem.objectiveNode.lowered(on: inputs)
    #expect(shape(of: flat) == shape(of: tree))
  }

  /// As `Problem.residuals(on:)` joins its parts.
  func concatenated(_ parts: [Variable<Double>]) -> Variable<Double> {
    if parts.count == 1, case .vector = parts[0].shape { return parts[0] }
    return concat(parts)
  }
}
