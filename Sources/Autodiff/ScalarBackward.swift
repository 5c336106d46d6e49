/// The backward rules of element-wise operations on scalars, on plain values: the same formulas
/// as `inputGradients` (Backward.swift), evaluated in the same order so that both give the same
/// bits, but making no node. An unrecorded backward pass through a scalar graph uses these.
extension Variable {
  /// Hands `deliver` the gradient of each operand for which `needs` is true, given the gradient
  /// `g` of this node's scalar output. False, delivering nothing, when this node is not an
  /// element-wise operation on scalars.
  func deliverScalarInputGradients(
    _ g: T, needs: (Variable<T>) -> Bool, to deliver: (T, Variable<T>) -> Void
  ) -> Bool {
    guard let op, op.isElementwise, shape.isScalar else { return false }
    let y = scalarValue
    // The operands unretained: each retained copy cost a retain and a release per rule.
    switch operands.unretained {
    case .one(let a):
      a._withUnsafeGuaranteedRef { a in
        if needs(a) { deliver(Self.unaryGradient(op, g, x: a.scalarValue, y: y), a) }
      }
    case .two(let a, let b):
      a._withUnsafeGuaranteedRef { a in
        b._withUnsafeGuaranteedRef { b in
          let (ga, gb) = binaryGradients(
            op, g, a.scalarValue, b.scalarValue, y: y, exponentIsConstant: !b.requiresGrad,
            wanted: (needs(a), needs(b)))
          if let ga { deliver(ga, a) }
          if let gb { deliver(gb, b) }
        }
      }
    case .variableAndConstant(let a):
      a._withUnsafeGuaranteedRef { a in
        let (ga, _) = binaryGradients(
          op, g, a.scalarValue, constantOperand, y: y, exponentIsConstant: true,
          wanted: (needs(a), false))
        if let ga { deliver(ga, a) }
      }
    case .constantAndVariable(let b):
      b._withUnsafeGuaranteedRef { b in
        let (_, gb) = binaryGradients(
          op, g, constantOperand, b.scalarValue, y: y, exponentIsConstant: !b.requiresGrad,
          wanted: (false, needs(b)))
        if let gb { deliver(gb, b) }
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
