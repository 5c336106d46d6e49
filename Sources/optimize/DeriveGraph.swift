import Autodiff
import Foundation
import Problems

/// `derive --graph FILE`: the graph that computes f at the point, as SVG, or as Graphviz DOT
/// when the name ends in `.dot`.
enum DeriveGraph {
  static func write(_ problem: Problem, at point: [Double], to path: String) throws {
    var offset = 0
    let inputs = problem.variables.map { variable -> Variable<Double> in
      let count = variable.shape.count
      let elements = Array(point[offset..<(offset + count)])
      offset += count
      return Variable(
        Tensor(shape: variable.shape, elements: elements), requiresGrad: true,
        name: variable.name)
    }
    let f = problem.objective(on: inputs)
    let text = path.lowercased().hasSuffix(".dot") ? f.graphDOT() : f.graphSVG()
    do {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw CommandFailure("cannot write the graph to \(path): \(error.localizedDescription)")
    }
  }
}
