/// The inputs of a recorded operation. Nearly every operation has one or two, held in fields so
/// that recording one allocates no array; only `concat` needs the general list.
@usableFromInline
enum Operands<T: DifferentiableScalar> {
  case none
  case one(Variable<T>)
  case two(Variable<T>, Variable<T>)
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
    case .two: return 2
    case .many(let inputs): return inputs.count
    }
  }

  subscript(i: Int) -> Variable<T> {
    switch self {
    case .none: preconditionFailure("no operand \(i)")
    case .one(let a):
      precondition(i == 0, "no operand \(i)")
      return a
    case .two(let a, let b):
      precondition(i == 0 || i == 1, "no operand \(i)")
      return i == 0 ? a : b
    case .many(let inputs): return inputs[i]
    }
  }

  var array: [Variable<T>] {
    switch self {
    case .none: return []
    case .one(let a): return [a]
    case .two(let a, let b): return [a, b]
    case .many(let inputs): return inputs
    }
  }

  /// True when some operand requires a gradient.
  var anyRequiresGrad: Bool {
    switch self {
    case .none: return false
    case .one(let a): return a.requiresGrad
    case .two(let a, let b): return a.requiresGrad || b.requiresGrad
    case .many(let inputs):
      for input in inputs where input.requiresGrad { return true }
      return false
    }
  }

  /// The longest path from a leaf to any operand.
  var deepestGeneration: Int {
    switch self {
    case .none: return 0
    case .one(let a): return a.generation
    case .two(let a, let b): return Swift.max(a.generation, b.generation)
    case .many(let inputs): return inputs.reduce(0) { Swift.max($0, $1.generation) }
    }
  }
}

extension Operands {
  /// Appends the operands to `list` and forgets them.
  mutating func move(into list: inout [Variable<T>]) {
    switch self {
    case .none: return
    case .one(let a): list.append(a)
    case .two(let a, let b):
      list.append(a)
      list.append(b)
    case .many(let inputs): list.append(contentsOf: inputs)
    }
    self = .none
  }
}
