/// The specialised interpreter for programs where every value is a scalar (Goldstein–Price
/// and most small test functions): one flat register file holding the inputs, constants and
/// every intermediate, and one switch per instruction, with no chunk loops or region lookups.
///
/// When the tape is built, an operation with a constant operand becomes one instruction that
/// reads the constant itself (`x + c`, `c − x`, `x·c`, `c/x` ...), and a product with a
/// constant that has a single reader is fused into that reader (`a + b·c`, `c₀ − b·c`,
/// `(a·c)·b` ...). Every fused instruction evaluates its operations in the recorded order, so
/// values are bit-for-bit those of the unfused program. The sweeps then run a combined tape
/// (`ScalarCombinedTape`) in which chains of linear instructions are one instruction each.
///
/// Gradients of one or two inputs are taken in forward mode, tangents alongside values in one
/// pass. Otherwise derivatives come from a linearised tape: the forward sweep stores each
/// instruction's local partial derivatives next to it, so the reverse sweep is a branch-free
/// run of multiply–adds that never re-evaluates a rule (Hessians: forward over reverse, all n
/// tangents at once). An operand field that holds no active value points at the sink
/// register, whose value and tangents stay 0 and whose adjoint is never read, so a constant
/// operand never injects a NaN or an infinity into a derivative.
struct ScalarInstruction {
  var op: ScalarOp
  /// The rule of a `.general` instruction.
  var code: ElementCode
  /// Bit 0: `a` depends on the input; bit 1: `b` does (adjoints flow only into active
  /// operands). One byte with `dependence`, so that an instruction takes 20 bytes.
  var activity: UInt8 = 0
  /// Which of the first four inputs `a` (low four bits) and an active `b` (high four bits)
  /// depend on.
  var dependence: UInt8 = 0
  var out: Int32
  /// The active operands (see `ScalarOp` for what each operation reads).
  var a: Int32
  var b: Int32
  /// The register holding the constant operand, or the sink.
  var k: Int32
}

/// What a scalar instruction computes. `a` and `b` are active registers unless stated, `k` a
/// constant register. The linear operations come first (see `isLinear`).
enum ScalarOp: UInt8 {
  /// o = a.
  case copy
  /// o = a + b, a − b, −a.
  case add, subtract, negate
  /// o = a + k, a − k, k − a, a·k, a / k.
  case addConstant, subtractConstant, constantMinus, multiplyConstant, divideByConstant
  /// o = a + b·k, a − b·k, b·k − a (a fused product with a constant).
  case addScaled, subtractScaled, scaledMinus
  /// o = b − a·k with `b` a constant register.
  case constantMinusScaled
  /// o = a + b + k (a fused sum).
  case sumPlusConstant
  /// o = a·b, a·a, k / a.
  case multiply, square, constantOver
  /// o = (a·k)·b.
  case scaledProduct
  /// o = a·b + k (a fused product).
  case productPlusConstant
  /// o = a·a·b + k (a fused product with a square).
  case squareProductPlusConstant
  /// o = code(a, b) through the element rules; `b` is the sink for unary codes.
  case general
  /// o = r₀·k₀ + r₁·k₁ + … over the terms `a..<a + b` of the combined tape (see
  /// `ScalarCombinedTape`); it appears only there, after this tape's own fusion.
  case linearCombination

  /// Whether `b` is an active operand (for every operation but `.general`).
  var readsActiveB: Bool {
    switch self {
    case .add, .subtract, .addScaled, .subtractScaled, .scaledMinus, .sumPlusConstant, .multiply,
      .scaledProduct, .productPlusConstant, .squareProductPlusConstant:
      return true
    default:
      return false
    }
  }

  /// Whether every second partial derivative is 0.
  @inline(__always)
  var isLinear: Bool { rawValue <= ScalarOp.sumPlusConstant.rawValue }
}

struct ScalarTape {
  var instructions: [ScalarInstruction]
  /// Register count: inputs first (`dimension` of them), then the program's registers, then
  /// its chunk-local values, one register each, then the sink.
  var registerCount: Int
  var output: Int
  /// The tape every sweep runs: this one with its linear chains collapsed.
  var combined: ScalarCombinedTape

  /// Nil when some value of the program is not a scalar.
  init?<T>(_ program: Program<T>) {
    let n = program.dimension
    let r = program.registerInitial.count
    guard program.structurals.isEmpty,
      program.stages.allSatisfy({ $0.isGroup && $0.length == 1 })
    else { return nil }
    func index(_ region: Int, _ offset: Int) -> Int32 {
      switch region {
      case Region.input: return Int32(offset)
      case Region.registers: return Int32(n + offset)
      default: return Int32(n + r + offset / chunkSize)
      }
    }
    let sink = Int32(n + r + program.localCount / chunkSize)
    registerCount = Int(sink) + 1
    output = Int(index(program.output.region, program.output.offset))
    let basic = program.elements.map { e in
      ScalarInstruction(
        element: e, out: index(e.out.region, e.out.offset), a: index(e.a.region, e.a.offset),
        b: index(e.b.region, e.b.offset), sink: sink)
    }
    instructions = ScalarTape.fused(
      basic, dimension: n, registerCount: registerCount, output: output)
    let constants = program.registerInitial
    combined = ScalarCombinedTape(
      instructions, dimension: n, registerCount: registerCount, output: output
    ) {
      let offset = Int($0) - n
      return constants.indices.contains(offset) && constants[offset].isFinite
    }
  }

  /// Fuses each single-reader product with a constant (or product, sum, square) into its
  /// reader, drops every instruction whose result nothing reads, and records which inputs each
  /// operand depends on. The tape is in single-assignment form: every register is written by
  /// at most one instruction.
  static func fused(
    _ tape: [ScalarInstruction], dimension: Int, registerCount: Int, output: Int
  ) -> [ScalarInstruction] {
    var readers = [Int](repeating: 0, count: registerCount)
    readers[output] += 1
    for i in tape {
      for operand in i.reads { readers[Int(operand)] += 1 }
    }
    var producer = [Int](repeating: -1, count: registerCount)
    var tape = tape
    for (position, i) in tape.enumerated() { producer[Int(i.out)] = position }
    /// The instruction computing `register` when it is an `op` and nothing else reads it.
    func single(_ op: ScalarOp, _ register: Int32) -> ScalarInstruction? {
      let p = producer[Int(register)]
      guard p >= 0, readers[Int(register)] == 1, tape[p].op == op else { return nil }
      return tape[p]
    }
    /// The product `x·k` that only `register` reads, as (x, k).
    func scaled(_ register: Int32) -> (x: Int32, k: Int32)? {
      single(.multiplyConstant, register).map { ($0.a, $0.k) }
    }
    for position in tape.indices {
      var i = tape[position]
      let original = i
      switch i.op {
      case .add:
        if let (x, k) = scaled(i.b) {
          (i.op, i.b, i.k) = (.addScaled, x, k)
        } else if let (x, k) = scaled(i.a) {
          (i.op, i.a, i.b, i.k) = (.addScaled, i.b, x, k)
        }
      case .subtract:
        if let (x, k) = scaled(i.b) {
          (i.op, i.b, i.k) = (.subtractScaled, x, k)
        } else if let (x, k) = scaled(i.a) {
          (i.op, i.a, i.b, i.k) = (.scaledMinus, i.b, x, k)
        }
      case .constantMinus:
        if let (x, k) = scaled(i.a) {
          (i.op, i.a, i.b, i.k) = (.constantMinusScaled, x, i.k, k)
        }
      case .addConstant:
        if let t = single(.multiply, i.a) {
          (i.op, i.a, i.b) = (.productPlusConstant, t.a, t.b)
          if let s = single(.square, i.a) {
            (i.op, i.a) = (.squareProductPlusConstant, s.a)
          } else if let s = single(.square, i.b) {
            (i.op, i.a, i.b) = (.squareProductPlusConstant, s.a, i.a)
          }
        } else if let t = single(.add, i.a) {
          (i.op, i.a, i.b) = (.sumPlusConstant, t.a, t.b)
        }
      case .multiply:
        if let (x, k) = scaled(i.a) {
          (i.op, i.a, i.k) = (.scaledProduct, x, k)
        } else if let (x, k) = scaled(i.b) {
          (i.op, i.a, i.b, i.k) = (.scaledProduct, x, i.a, k)
        }
      default:
        break
      }
      guard i.op != original.op else { continue }
      // The fused product is now read by nothing.
      for operand in original.reads { readers[Int(operand)] -= 1 }
      for operand in i.reads { readers[Int(operand)] += 1 }
      tape[position] = i
    }
    // Backwards liveness: an instruction is kept when its result is read by a kept one.
    var live = [Bool](repeating: false, count: registerCount)
    live[output] = true
    var kept: [ScalarInstruction] = []
    for var i in tape.reversed() where live[Int(i.out)] {
      if i.op != .general {
        // The sweeps send adjoints to `b` only when it is active.
        (i.aActive, i.bActive) = (true, i.op.readsActiveB)
      }
      kept.append(i)
      for operand in i.reads { live[Int(operand)] = true }
    }
    kept.reverse()
    var dependence = [UInt8](repeating: 0, count: registerCount)
    for k in 0..<Swift.min(dimension, 4) { dependence[k] = 1 << k }
    for position in kept.indices {
      let i = kept[position]
      let a = i.aActive ? dependence[Int(i.a)] : 0
      let b = i.bActive ? dependence[Int(i.b)] : 0
      kept[position].dependence = a | b << 4
      dependence[Int(i.out)] = a | b
    }
    return kept
  }
}

extension ScalarInstruction {
  var aActive: Bool {
    get { activity & 1 != 0 }
    set { activity = newValue ? activity | 1 : activity & ~1 }
  }

  var bActive: Bool {
    get { activity & 2 != 0 }
    set { activity = newValue ? activity | 2 : activity & ~2 }
  }

  /// The basic (unfused) instruction for one element-wise instruction of a group of length 1.
  init(element e: ElementInstruction, out: Int32, a: Int32, b: Int32, sink: Int32) {
    let binary = e.code.isBinary
    // Which operand is the constant one, when exactly one is.
    let constantB = binary && e.aActive && !e.bActive
    let constantA = binary && !e.aActive && e.bActive
    var op = ScalarOp.general
    switch e.code {
    case .sum: op = .copy
    case .add where e.aActive && e.bActive: op = .add
    case .add where constantA || constantB: op = .addConstant
    case .subtract where e.aActive && e.bActive: op = .subtract
    case .subtract where constantB: op = .subtractConstant
    case .subtract where constantA: op = .constantMinus
    case .multiply where e.aActive && e.bActive: op = .multiply
    case .multiply where constantA || constantB: op = .multiplyConstant
    case .divide where constantB: op = .divideByConstant
    case .divide where constantA: op = .constantOver
    case .square: op = .square
    case .negate: op = .negate
    default: break
    }
    self.op = op
    code = e.code
    activity = (e.aActive ? 1 : 0) | (e.bActive ? 2 : 0)
    dependence = 0
    self.out = out
    switch op {
    case .add, .subtract, .multiply:
      (self.a, self.b, k) = (a, b, sink)
    case .copy, .square, .negate:
      (self.a, self.b, k) = (a, sink, sink)
    case .addConstant, .subtractConstant, .constantMinus, .multiplyConstant, .divideByConstant,
      .constantOver:
      // Addition and multiplication commute exactly, so the active operand goes first.
      (self.a, self.b, k) = constantA ? (b, sink, a) : (a, sink, b)
    default:
      (self.a, self.b, k) = (a, binary ? b : sink, sink)
    }
  }

  /// The registers the instruction reads.
  var reads: [Int32] {
    switch op {
    case .copy, .square, .negate: return [a]
    case .add, .subtract, .multiply: return [a, b]
    case .addConstant, .subtractConstant, .constantMinus, .multiplyConstant, .divideByConstant,
      .constantOver:
      return [a, k]
    case .addScaled, .subtractScaled, .scaledMinus, .constantMinusScaled, .scaledProduct,
      .sumPlusConstant, .productPlusConstant, .squareProductPlusConstant:
      return [a, b, k]
    case .general: return code.isBinary ? [a, b] : [a]
    // Its terms are outside the instruction; it only appears after the fusion that reads this.
    case .linearCombination: return []
    }
  }
}
