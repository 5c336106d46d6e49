/// The vector–Jacobian product of every primitive, written with the same primitives so that,
/// when recording is on (`createGraph: true`), the backward pass is itself a differentiable graph.
/// Element-wise primitives multiply `g` by their partials, rounded as their `ElementRule` rounds
/// them (for the functions of one operand, the rule's `graphDerivative`), so that a recorded and
/// an unrecorded backward pass give the same bits.
///
/// Conventions at awkward points (the same as PyTorch's):
/// - `abs` at 0 has subgradient 0.
/// - `min`/`max` send the gradient to the chosen operand; on a tie each operand gets half, so the
///   sum of the two is the derivative of the common value. When an operand is NaN the result is
///   NaN and the gradient goes to the NaN operand. The masks are constants: their derivative is 0
///   almost everywhere.
/// - `pow(a, b)`: no gradient flows to an exponent that does not require one; the base gradient
///   `b·a^(b−1)` keeps integer exponents of negative bases exact; a zero exponent gives a zero base
///   gradient (also at a = 0); the exponent gradient `a^b·log a` is 0 where a = 0 and b ≥ 0.
/// - `prod` multiplies prefix and suffix products, never dividing the product by an element, so
///   it is exact when elements are zero.
extension Variable {
  /// The gradients of this node's inputs given the gradient `g` of its output (same shape as
  /// this node). An entry is nil when `needs` says that input wants no gradient.
  func inputGradients(_ g: Variable<T>, needs: (Variable<T>) -> Bool) -> [Variable<T>?] {
    guard let op else { return [] }
    let inputs = self.inputs
    let wanted = (0..<inputs.count).map { needs(inputs[$0]) }
    func rule(_ i: Int, _ gradient: () -> Variable<T>) -> Variable<T>? {
      wanted[i] ? gradient() : nil
    }
    switch op {
    // −g rather than g·(−1): the same bits but no node for the constant.
    case .negate: return [rule(0) { -g }]
    case _ where op.isUnary:
      return [rule(0) { g * GraphDerivative(x: inputs[0], y: self).dispatch(op.elementCode!) }]
    case _ where op.isElementwise:
      let a = inputs[0]
      let b = inputs[1]
      let (ga, gb) = binaryGradients(op, a, b, g, wanted: (wanted[0], wanted[1]))
      return [ga.map { $0.summed(to: a.shape) }, gb.map { $0.summed(to: b.shape) }]
    case .sum: return [rule(0) { g.broadcast(to: inputs[0].shape) }]
    case .product: return [rule(0) { g * inputs[0].productsOfOthers() }]
    case .index(let i):
      return [rule(0) { .apply(.scatter(index: i, count: inputs[0].shape.count), g) }]
    case .slice(let lower, _):
      return [rule(0) { .apply(.pad(lower: lower, count: inputs[0].shape.count), g) }]
    case .concat:
      var offset = 0
      return (0..<inputs.count).map { i in
        let part = inputs[i]
        defer { offset += part.shape.count }
        return rule(i) { g.part(at: offset, shaped: part.shape) }
      }
    case .tile(let times):
      let x = inputs[0]
      return [
        rule(0) {
          if times == 0 { return .constant(Tensor(repeating: 0, shape: x.shape)) }
          return x.shape.isScalar ? sum(g) : .apply(.foldTiles(times: times), g)
        }
      ]
    case .broadcast: return [rule(0) { sum(g) }]
    case .scatter(let i, _): return [rule(0) { g[i] }]
    case .pad(let lower, _): return [rule(0) { g.part(at: lower, shaped: inputs[0].shape) }]
    case .foldTiles(let times): return [rule(0) { `repeat`(g, times) }]
    default: preconditionFailure("\(op) has no backward rule")
    }
  }

  /// The two operand gradients of an element-wise binary op, before scalar operands are summed.
  private func binaryGradients(
    _ op: Op, _ a: Variable<T>, _ b: Variable<T>, _ g: Variable<T>, wanted: (Bool, Bool)
  ) -> (Variable<T>?, Variable<T>?) {
    func pair(_ ga: () -> Variable<T>, _ gb: () -> Variable<T>) -> (Variable<T>?, Variable<T>?) {
      (wanted.0 ? ga() : nil, wanted.1 ? gb() : nil)
    }
    switch op {
    case .add: return pair({ g }, { g })
    case .subtract: return pair({ g }, { -g })
    case .multiply: return pair({ g * b }, { g * a })
    case .divide:
      // The partials of `DivideRule`: 1/b and −o·(1/b).
      let r = { 1 / b }
      return pair({ g * r() }, { g * (-self * r()) })
    case .power:
      return pair(
        {
          // b·a^(b−1) first: g·b could overflow where a^(b−1) is 0 (a huge b at a = 0).
          if b.requiresGrad { return g * (b * pow(a, b - 1)) }
          // A constant zero exponent: b·a^(b−1) would be 0·∞ at a = 0; use a^0 instead.
          let exponent = b - 1 + .constant(mapping: b) { $0 == 0 ? 1 : 0 }
          return g * (b * pow(a, exponent))
        },
        {
          // log(a) with a replaced by 1 where a = 0 and b ≥ 0, so that 0^b·log 0 gives 0.
          let shift = Variable.constant(self.shape, a, b) { x, y in x == 0 && y >= 0 ? 1 : 0 }
          return g * (self * log(a + shift))
        })
    case .atan2:
      // atan2(y, x): ∂/∂y = x/(x²+y²), ∂/∂x = −y/(x²+y²), as `Atan2Rule` rounds them.
      let r = { 1 / (a * a + b * b) }
      return pair({ g * (b * r()) }, { g * (-a * r()) })
    case .minimum, .maximum:
      // 1 where the first operand is chosen, ½ on a tie; a NaN operand takes the gradient.
      let chooses: (T, T) -> T = { x, y in
        if x.isNaN { return 1 }
        if y.isNaN { return 0 }
        if x == y { return 0.5 }
        return (op == .minimum ? x < y : x > y) ? 1 : 0
      }
      let choosesA = Variable.constant(self.shape, a, b, chooses)
      let choosesB = Variable.constant(self.shape, b, a, chooses)
      return pair({ g * choosesA }, { g * choosesB })
    default:
      // A primitive whose rule carries its own graph partials.
      let (fa, fb) = GraphPartials(a: a, b: b, o: self).dispatch(op.elementCode!)
      return pair({ g * fa }, { g * fb })
    }
  }

  /// This gradient summed back to `shape`: a scalar operand broadcast against a vector gets the
  /// sum of the vector's gradient.
  func summed(to shape: Shape) -> Variable<T> {
    shape.isScalar && !self.shape.isScalar ? sum(self) : self
  }

  /// A scalar gradient spread over `shape` (the adjoint of `sum`).
  func broadcast(to shape: Shape) -> Variable<T> {
    shape.isScalar ? self : .apply(.broadcast(count: shape.count), self)
  }

  /// The piece of this vector that starts at `offset` and has `shape` (a scalar is one element).
  func part(at offset: Int, shaped shape: Shape) -> Variable<T> {
    shape.isScalar ? self[offset] : slice(offset, offset + shape.count)
  }

  /// For each element, the product of all the other elements, by prefix and suffix products.
  func productsOfOthers() -> Variable<T> {
    if shape.isScalar { return .constant(1) }
    let n = shape.count
    let elements = (0..<n).map { self[$0] }
    var prefix = [Variable<T>]()
    prefix.reserveCapacity(n)
    var running = Variable.constant(1)
    for x in elements {
      prefix.append(running)
      running = running * x
    }
    var others = [Variable<T>](repeating: running, count: n)
    running = .constant(1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      others[i] = prefix[i] * running
      running = elements[i] * running
    }
    return concat(others)
  }

  /// A constant of the shape of `x` whose elements are `f` of the elements of `x`.
  static func constant(mapping x: Variable<T>, _ f: (T) -> T) -> Variable<T> {
    Variable(Tensor(shape: x.shape, elements: x.storedValue.elements.map(f)))
  }

  /// A constant of `shape` whose elements are `f` of the paired elements of `a` and `b`.
  static func constant(_ shape: Shape, _ a: Variable<T>, _ b: Variable<T>, _ f: (T, T) -> T)
    -> Variable<T>
  {
    let av = a.storedValue
    let bv = b.storedValue
    let elements = (0..<shape.count).map { i in
      f(
        av.isScalar ? av.elements[0] : av.elements[i], bv.isScalar ? bv.elements[0] : bv.elements[i]
      )
    }
    return Variable(Tensor(shape: shape, elements: elements))
  }

  static func constant(_ value: Tensor<T>) -> Variable<T> { Variable(value) }
}

/// f′(x) as a graph, from the rule of a function of one operand.
private struct GraphDerivative<T: DifferentiableScalar>: ChunkKernel {
  let x: Variable<T>
  let y: Variable<T>
  func run<R: ElementRule>(_ rule: R.Type) -> Variable<T> { R.graphDerivative(x, y) }
}

/// The two partials as graphs, from the rule of a function of two operands.
private struct GraphPartials<T: DifferentiableScalar>: ChunkKernel {
  let a: Variable<T>
  let b: Variable<T>
  let o: Variable<T>
  func run<R: ElementRule>(_ rule: R.Type) -> (fa: Variable<T>, fb: Variable<T>) {
    R.graphPartials(a, b, o)
  }
}
