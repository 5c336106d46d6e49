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

  /// Builds the node's graph on the given inputs (one per declared variable). A scalar constant
  /// beside a variable stays a plain number, as in `3 * x` written in Swift: no node is made for
  /// it. Specialised for Double: the generic code pays a metadata lookup or a witness call at
  /// almost every step, and this runs at every evaluation.
  @_specialize(where T == Double)
  func lowered<T: DifferentiableScalar>(on inputs: [Variable<T>]) -> Variable<T> {
    do {
      switch self {
      case .constant(let t):
        return Variable(Self.converted(t))
      case .input(let i, _):
        return inputs[i]
      case .apply(let op, let operands, _) where operands.count == 1:
        return try Variable.applying(op, to: operands[0].lowered(on: inputs))
      case .apply(let op, let operands, _) where operands.count == 2:
        let (a, b) = (operands[0], operands[1])
        if op.isElementwise, a.constantValue == nil, let c = b.constantValue, c.isScalar {
          return Variable.applying(op, to: a.lowered(on: inputs), T(c.scalar))
        }
        if op.isElementwise, b.constantValue == nil, let c = a.constantValue, c.isScalar {
          return Variable.applying(op, to: T(c.scalar), b.lowered(on: inputs))
        }
        return try Variable.applying(op, to: a.lowered(on: inputs), b.lowered(on: inputs))
      case .apply(let op, let operands, _):
        return try Variable.applying(op, to: operands.map { $0.lowered(on: inputs) })
      }
    } catch {
      preconditionFailure("a shape checked at load time failed: \(error)")
    }
  }

  /// A constant in the precision of the graph; in Double it shares the stored elements.
  static func converted<T: DifferentiableScalar>(_ t: Tensor<Double>) -> Tensor<T> {
    if let same = t as? Tensor<T> { return same }
    if t.isScalar { return Tensor(T(t.scalar)) }
    return Tensor(shape: t.shape, elements: t.elements.map { T($0) })
  }
}
