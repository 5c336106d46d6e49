/// The backward rules of element-wise operations on scalars, on plain values: `g` times the
/// partials of each primitive's `ElementRule`, which `inputGradients` (Backward.swift) rounds
/// the same way as graphs, but making no node. An unrecorded backward pass through a scalar
/// graph uses these.
extension Variable {
  /// Hands `pass` the gradient of each operand that wants one, given the gradient `g` of this
  /// node's scalar output: the operands for which `needs` is true, or with `needs` nil those
  /// that require a gradient. False, delivering nothing, when this node is not an element-wise
  /// operation on scalars.
  func deliverScalarInputGradients(
    _ g: T, to pass: inout BackwardWalk<T>, needs: ((Variable<T>) -> Bool)?
  ) -> Bool {
    // Without a filter, no call through a closure per operand.
    func wants(_ input: Variable<T>) -> Bool { needs?(input) ?? input.requiresGrad }
    guard let op, op.isElementwise, shape.isScalar else { return false }
    let y = scalarValue
    // The operands unretained: each retained copy cost a retain and a release per rule.
    switch operands.unretained {
    case .one(let a):
      a._withUnsafeGuaranteedRef { a in
        if wants(a) { pass.deliver(Self.unaryGradient(op, g, x: a.scalarValue, y: y), to: a) }
      }
    case .two(let a, let b):
      a._withUnsafeGuaranteedRef { a in
        b._withUnsafeGuaranteedRef { b in
          let (ga, gb) = binaryGradients(
            op, g, a.scalarValue, b.scalarValue, y: y, exponentIsConstant: !b.requiresGrad,
            wanted: (wants(a), wants(b)))
          if let ga { pass.deliver(ga, to: a) }
          if let gb { pass.deliver(gb, to: b) }
        }
      }
    case .variableAndConstant(let a):
      a._withUnsafeGuaranteedRef { a in
        let (ga, _) = binaryGradients(
          op, g, a.scalarValue, constantOperand, y: y, exponentIsConstant: true,
          wanted: (wants(a), false))
        if let ga { pass.deliver(ga, to: a) }
      }
    case .constantAndVariable(let b):
      b._withUnsafeGuaranteedRef { b in
        let (_, gb) = binaryGradients(
          op, g, constantOperand, b.scalarValue, y: y, exponentIsConstant: !b.requiresGrad,
          wanted: (false, wants(b)))
        if let gb { pass.deliver(gb, to: b) }
      }
    case .none, .many:
      return false
    }
    return true
  }

  private static func unaryGradient(_ op: Op, _ g: T, x: T, y: T) -> T {
    g * FirstPartials(a: x, b: x, o: y).dispatch(op.elementCode!).fa
  }

  private func binaryGradients(
    _ op: Op, _ g: T, _ a: T, _ b: T, y: T, exponentIsConstant: Bool, wanted: (Bool, Bool)
  ) -> (T?, T?) {
    // Addition and subtraction pass g on: the bits of g·1 and g·(−1) without the products.
    switch op {
    case .add: return (wanted.0 ? g : nil, wanted.1 ? g : nil)
    case .subtract: return (wanted.0 ? g : nil, wanted.1 ? -g : nil)
    default: break
    }
    let code: ElementCode =
      op == .power && exponentIsConstant ? .powerConstantExponent : op.elementCode!
    let d = FirstPartials(a: a, b: b, o: y).dispatch(code)
    return (wanted.0 ? g * d.fa : nil, wanted.1 ? g * d.fb : nil)
  }
}

/// The two first partials of a rule.
private struct FirstPartials<T: DifferentiableScalar>: ChunkKernel {
  let a: T
  let b: T
  let o: T
  @inline(__always) func run<R: ElementRule>(_ rule: R.Type) -> (fa: T, fb: T) { R.first(a, b, o) }
}
