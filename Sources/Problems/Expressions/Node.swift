import Autodiff

/// A checked expression: names resolved, shapes known, everything that does not depend on the
/// variables folded into constants. It is a tree of the core's primitive operations, so
/// lowering it onto `Variable`s builds exactly the graph one would write by hand.
indirect enum Node: Sendable {
  /// A value known at load time (literals, parameters, constants, data, and whatever is
  /// computed from them alone).
  case constant(Tensor<Double>)
  /// The `index`-th declared variable.
  case input(Int, Shape)
  /// A primitive applied to operands whose shapes fit.
  case apply(Op, [Node], Shape)

  var shape: Shape {
    switch self {
    case .constant(let t): return t.shape
    case .input(_, let s): return s
    case .apply(_, _, let s): return s
    }
  }

  /// The value, when it is known at load time.
  var constantValue: Tensor<Double>? {
    if case .constant(let t) = self { return t }
    return nil
  }

  /// Builds the node's graph on the given inputs (one per declared variable).
  func lowered<T: DifferentiableScalar>(on inputs: [Variable<T>]) -> Variable<T> {
    switch self {
    case .constant(let t):
      return Variable(Tensor(shape: t.shape, elements: t.elements.map { T($0) }))
    case .input(let i, _):
      return inputs[i]
    case .apply(let op, let operands, _):
      let lowered = operands.map { $0.lowered(on: inputs) }
      do {
        return try Variable.applying(op, to: lowered)
      } catch {
        preconditionFailure("a shape checked at load time failed: \(error)")
      }
    }
  }
}
