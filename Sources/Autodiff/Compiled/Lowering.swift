/// Turns a recorded graph into a program: topological order, one value per distinct node,
/// constants already folded (the graph records only what depends on an input), views for
/// `index` and `slice` (no copy), common subexpressions computed once, `x^2` as a square, and
/// element-wise chains grouped so that their intermediates live in chunk scratch.
struct Lowering<T: DifferentiableScalar> {
  enum Kind {
    case input(offset: Int)
    case constant([T])
    /// Elements `offset..<offset+length` of another (non-view) value.
    case view(root: Int, offset: Int)
    case computed
  }

  struct Value {
    var length: Int
    var active: Bool
    var kind: Kind
  }

  enum Instruction {
    case element(ElementCode, out: Int, a: Int, b: Int)
    case sum(out: Int, a: Int)
    case structural(StructuralCode, dst: Int, dstOffset: Int, src: Int, count: Int, times: Int)
  }

  struct ElementKey: Hashable {
    var code: ElementCode
    var a: Int
    var b: Int
  }

  struct ViewKey: Hashable {
    var root: Int
    var offset: Int
    var length: Int
  }

  var values: [Value] = []
  var instructions: [Instruction] = []
  var elementCache: [ElementKey: Int] = [:]
  var viewCache: [ViewKey: Int] = [:]
  var scalarConstants: [T: Int] = [:]
  var nodeValue: [ObjectIdentifier: Int] = [:]
  /// The third operand of each `multiplySquareAdd`, by its result.
  var thirdOperand: [Int: Int] = [:]

  mutating func add(_ value: Value) -> Int {
    values.append(value)
    return values.count - 1
  }

  /// The value read when `id` is used: a view resolves to its root and offset.
  func resolve(_ id: Int) -> (root: Int, offset: Int) {
    if case .view(let root, let offset) = values[id].kind { return (root, offset) }
    return (id, 0)
  }

  mutating func view(of id: Int, at offset: Int, length: Int) -> Int {
    let (root, base) = resolve(id)
    let key = ViewKey(root: root, offset: base + offset, length: length)
    if let v = viewCache[key] { return v }
    let v = add(Value(length: length, active: true, kind: .view(root: root, offset: base + offset)))
    viewCache[key] = v
    return v
  }

  mutating func constant(_ elements: [T]) -> Int {
    // Zeros are not shared: 0 and -0 compare equal but divide differently.
    let shareable = elements.count == 1 && !elements[0].isNaN && elements[0] != 0
    if shareable, let v = scalarConstants[elements[0]] { return v }
    let v = add(Value(length: elements.count, active: false, kind: .constant(elements)))
    if shareable { scalarConstants[elements[0]] = v }
    return v
  }

  mutating func element(_ code: ElementCode, _ a: Int, _ b: Int, length: Int) -> Int {
    let key = ElementKey(code: code, a: a, b: b)
    if let v = elementCache[key] { return v }
    let out = add(Value(length: length, active: true, kind: .computed))
    instructions.append(
      code == .sum ? .sum(out: out, a: a) : .element(code, out: out, a: a, b: b))
    elementCache[key] = out
    return out
  }

  mutating func structural(
    _ code: StructuralCode, dst: Int, at dstOffset: Int = 0, src: Int, count: Int,
    times: Int = 1
  ) {
    instructions.append(
      .structural(code, dst: dst, dstOffset: dstOffset, src: src, count: count, times: times))
  }

  /// Lowers one recorded node whose inputs are already lowered.
  mutating func lower(_ node: Variable<T>) -> Int {
    guard let op = node.op else {
      return constant(node.value.elements)
    }
    let args = node.inputs.map { nodeValue[ObjectIdentifier($0)]! }
    let length = node.shape.count
    if var code = op.elementCode {
      let a = args[0]
      var b = args.count > 1 ? args[1] : a
      if code == .power && !values[b].active {
        if case .constant(let e) = values[b].kind, e.count == 1, e[0] == 2 {
          code = .square
          b = a
        } else {
          code = .powerConstantExponent
        }
      }
      return element(code, a, b, length: length)
    }
    switch op {
    case .sum:
      return element(.sum, args[0], args[0], length: 1)
    case .product where values[args[0]].length == 1:
      // The product of one element is that element, as is its sum.
      return element(.sum, args[0], args[0], length: 1)
    case .index(let i):
      return view(of: args[0], at: i, length: 1)
    case .slice(let l, let u):
      return view(of: args[0], at: l, length: u - l)
    default:
      break
    }
    let out = add(Value(length: length, active: true, kind: .computed))
    switch op {
    case .product:
      structural(.product, dst: out, src: args[0], count: values[args[0]].length)
    case .concat:
      var offset = 0
      for part in args {
        let n = values[part].length
        structural(.copy, dst: out, at: offset, src: part, count: n)
        offset += n
      }
    case .tile(let k):
      structural(.tile, dst: out, src: args[0], count: values[args[0]].length, times: k)
    case .broadcast(let n):
      structural(.fill, dst: out, src: args[0], count: n)
    case .scatter(let i, let n):
      structural(.zero, dst: out, src: args[0], count: n)
      structural(.copy, dst: out, at: i, src: args[0], count: 1)
    case .pad(let l, let n):
      structural(.zero, dst: out, src: args[0], count: n)
      structural(.copy, dst: out, at: l, src: args[0], count: values[args[0]].length)
    case .foldTiles(let k):
      structural(.fold, dst: out, src: args[0], count: length, times: k)
    default:
      preconditionFailure("\(op) has no lowering")
    }
    return out
  }

  /// Lowers the graph ending at `result`, whose leaves `inputs` are the function's arguments.
  /// `weightedSquareSums: false` leaves `k·x² + c` as two instructions (for comparisons).
  static func program(
    inputs: [Variable<T>], result: Variable<T>, weightedSquareSums: Bool = true
  ) -> Program<T> {
    var lowering = Lowering()
    var offset = 0
    for leaf in inputs {
      let v = lowering.add(
        Value(length: leaf.shape.count, active: true, kind: .input(offset: offset)))
      lowering.nodeValue[ObjectIdentifier(leaf)] = v
      offset += leaf.shape.count
    }
    // Iterative post-order depth-first walk: deep chains must not overflow the stack.
    var stack: [(node: Variable<T>, expanded: Bool)] = [(result, false)]
    while let (node, expanded) = stack.popLast() {
      let id = ObjectIdentifier(node)
      if lowering.nodeValue[id] != nil { continue }
      if expanded || node.inputs.isEmpty {
        lowering.nodeValue[id] = lowering.lower(node)
      } else {
        stack.append((node, true))
        for input in node.inputs.reversed() where lowering.nodeValue[ObjectIdentifier(input)] == nil
        {
          stack.append((input, false))
        }
      }
    }
    let output = lowering.nodeValue[ObjectIdentifier(result)]!
    lowering.fuse(result: output, weightedSquareSums: weightedSquareSums)
    return lowering.schedule(output: output, dimension: offset)
  }
}
