/// The backward rules of element-wise operations on scalars, on plain values: the same formulas
/// as `inputGradients` (Backward.swift), evaluated in the same order so that both give the same
/// bits, but making no node. An unrecorded backward pass through a scalar graph uses these.
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
    switch op {
    case .negate: return -g
    case .exp: return g * y
    case .log: return g / x
    case .sqrt: return g / (2 * y)
    case .abs: return g * (x > 0 ? 1 : x < 0 ? -1 : 0)
    case .sin: return g * T.cos(x)
    case .cos: return -(g * T.sin(x))
    case .tan: return g * (1 + y * y)
    case .tanh: return g * (1 - y * y)
    case .atan: return g / (1 + x * x)
    default: preconditionFailure("\(op) is not unary")
    }
  }

  private func binaryGradients(
    _ op: Op, _ g: T, _ a: T, _ b: T, y: T, exponentIsConstant: Bool, wanted: (Bool, Bool)
  ) -> (T?, T?) {
    func pair(_ ga: () -> T, _ gb: () -> T) -> (T?, T?) {
      (wanted.0 ? ga() : nil, wanted.1 ? gb() : nil)
    }
    switch op {
    case .add: return pair({ g }, { g })
    case .subtract: return pair({ g }, { -g })
    case .multiply: return pair({ g * b }, { g * a })
    case .divide: return pair({ g / b }, { -(g * a) / (b * b) })
    case .power:
      return pair(
        {
          // See Backward.swift: a constant zero exponent uses a^0, not 0·a^(−1).
          let exponent = exponentIsConstant ? b - 1 + (b == 0 ? 1 : 0) : b - 1
          return g * (b * Kernels.power(a, exponent))
        },
        { g * y * T.log(a + (a == 0 && b >= 0 ? 1 : 0)) })
    case .atan2:
      let r2 = a * a + b * b
      return pair({ g * b / r2 }, { -(g * a) / r2 })
    case .minimum, .maximum:
      func chooses(_ x: T, _ y: T) -> T {
        if x.isNaN { return 1 }
        if y.isNaN { return 0 }
        if x == y { return 0.5 }
        return (op == .minimum ? x < y : x > y) ? 1 : 0
      }
      return pair({ g * chooses(a, b) }, { g * chooses(b, a) })
    default:
      preconditionFailure("\(op) is not binary")
    }
  }
}
