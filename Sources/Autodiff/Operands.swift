/// The inputs of a recorded operation. Nearly every operation has one or two, held in fields so
/// that recording one allocates no array; only `concat` needs the general list.
///
/// A plain number combined with a scalar variable (`3 * x`, `x + 1`, `pow(x, 2)`) is kept inline,
/// in the consumer's `constantOperand`: no node is made for it. It becomes a constant leaf only
/// when something needs it as a variable (`Variable.inputs`, the recorded backward rules).
///
/// No payload depends on `T` but through a class or an array: then the layout of `Operands<T>`
/// is the same for every `T`, and freeing a node (a generic deinit) needs no metadata lookup.
@usableFromInline
enum Operands<T: DifferentiableScalar> {
  case none
  case one(Variable<T>)
  case two(Variable<T>, Variable<T>)
  /// `a ∘ c` for a variable `a` and the consumer's `constantOperand` `c`.
  case variableAndConstant(Variable<T>)
  /// `c ∘ b` for the consumer's `constantOperand` `c` and a variable `b`.
  case constantAndVariable(Variable<T>)
  case many([Variable<T>])

  init(_ inputs: [Variable<T>]) {
    switch inputs.count {
    case 0: self = .none
    case 1: self = .one(inputs[0])
    case 2: self = .two(inputs[0], inputs[1])
    default: self = .many(inputs)
    }
  }

  var count: Int {
    switch self {
    case .none: return 0
    case .one: return 1
    case .two, .variableAndConstant, .constantAndVariable: return 2
    case .many(let inputs): return inputs.count
    }
  }

  /// Operand `i` when it is a variable; nil for an inline number.
  func variable(at i: Int) -> Variable<T>? {
    switch self {
    case .none: preconditionFailure("no operand \(i)")
    case .one(let a):
      precondition(i == 0, "no operand \(i)")
      return a
    case .two(let a, let b):
      precondition(i == 0 || i == 1, "no operand \(i)")
      return i == 0 ? a : b
    case .variableAndConstant(let a):
      precondition(i == 0 || i == 1, "no operand \(i)")
      return i == 0 ? a : nil
    case .constantAndVariable(let b):
      precondition(i == 0 || i == 1, "no operand \(i)")
      return i == 0 ? nil : b
    case .many(let inputs): return inputs[i]
    }
  }

  /// The same operands with the inline number `constant`, if any, made a constant leaf.
  func materialisingConstant(_ constant: T) -> Operands {
    switch self {
    case .variableAndConstant(let a): return .two(a, Variable(constant))
    case .constantAndVariable(let b): return .two(Variable(constant), b)
    default: return self
    }
  }

  /// The operands as variables; inline numbers must have been materialised.
  var array: [Variable<T>] {
    switch self {
    case .none: return []
    case .one(let a): return [a]
    case .two(let a, let b): return [a, b]
    case .variableAndConstant, .constantAndVariable:
      preconditionFailure("inline constants are materialised before the operands are listed")
    case .many(let inputs): return inputs
    }
  }

  /// True when some operand requires a gradient.
  // Inlined, as is `deepestGeneration`: both are read at every operation recorded.
  @inline(__always)
  var anyRequiresGrad: Bool {
    switch self {
    case .none: return false
    case .one(let a), .variableAndConstant(let a), .constantAndVariable(let a):
      return a.requiresGrad
    case .two(let a, let b): return a.requiresGrad || b.requiresGrad
    case .many(let inputs):
      for input in inputs where input.requiresGrad { return true }
      return false
    }
  }

  /// The longest path from a leaf to any operand.
  @inline(__always)
  var deepestGeneration: Int {
    switch self {
    case .none: return 0
    case .one(let a), .variableAndConstant(let a), .constantAndVariable(let a):
      return a.generation
    case .two(let a, let b): return Swift.max(a.generation, b.generation)
    case .many(let inputs): return inputs.reduce(0) { Swift.max($0, $1.generation) }
    }
  }
}

extension Operands {
  /// Calls `body` with each variable operand, in order.
  func forEachVariable(_ body: (Variable<T>) -> Void) {
    switch self {
    case .none: return
    case .one(let a), .variableAndConstant(let a), .constantAndVariable(let a): body(a)
    case .two(let a, let b):
      body(a)
      body(b)
    case .many(let inputs): for input in inputs { body(input) }
    }
  }

  /// Appends the variable operands to `list` and forgets them.
  mutating func move(into list: inout [Variable<T>]) {
    switch self {
    case .none: return
    case .one(let a), .variableAndConstant(let a), .constantAndVariable(let a):
      list.append(a)
    case .two(let a, let b):
      list.append(a)
      list.append(b)
    case .many(let inputs): list.append(contentsOf: inputs)
    }
    self = .none
  }
}

/// The operands of a node, not retained: for a pass over a graph that its root keeps alive,
/// where retaining and releasing every operand read showed in profiles. Reach a variable with
/// `_withUnsafeGuaranteedRef`.
enum UnretainedOperands<T: DifferentiableScalar> {
  case none
  case one(Unmanaged<Variable<T>>)
  case two(Unmanaged<Variable<T>>, Unmanaged<Variable<T>>)
  case variableAndConstant(Unmanaged<Variable<T>>)
  case constantAndVariable(Unmanaged<Variable<T>>)
  /// The general list: use `Operands.forEachVariable`.
  case many
}

extension Operands {
  var unretained: UnretainedOperands<T> {
    switch self {
    case .none: return .none
    case .one(let a): return .one(.passUnretained(a))
    case .two(let a, let b): return .two(.passUnretained(a), .passUnretained(b))
    case .variableAndConstant(let a): return .variableAndConstant(.passUnretained(a))
    case .constantAndVariable(let b): return .constantAndVariable(.passUnretained(b))
    case .many: return .many
    }
  }
}
