/// One term `register · factor` of a `.linearCombination` instruction, `factor` a finite
/// constant register.
struct ScalarTerm {
  var register: Int32
  var factor: Int32
}

/// A constant register the combined tape adds after the tape's own registers. Their tangents
/// are never written by any sweep, so they stay 0, whereas the other sweeps may leave
/// anything in the tangents of the program's own constants (the tangent layouts differ).
enum ScalarConstant: Hashable {
  case one, minusOne
  /// −c for the constant register c.
  case negated(Int32)
  /// A copy of the constant register c, for a term whose register is a constant.
  case copy(Int32)
}

/// The tape every sweep runs: the scalar tape with every chain of
/// linear operations (sums, differences, products with a constant) whose intermediate results
/// have a single reader collapsed into one `.linearCombination` instruction,
/// o = r₀·k₀ + r₁·k₁ + …, accumulated left to right in a machine register.
///
/// The interpreter's cost is per dispatched instruction (an indirect branch, the operand and
/// result traffic), so a polynomial such as 19 − 14x + 3x² − 14y + 6xy + 3y², five
/// instructions after the tape's own fusion, runs as one instruction of six terms.
///
/// Values are bit-for-bit those of the unfused program: the terms are added in the recorded
/// order, x·1 = x, x·(−1) = −x and x·(−c) = −(x·c) exactly, and a + (−z) is a − z by the
/// definition of IEEE subtraction. Only sums swap operands (a + b = b + a exactly). The
/// tangent of a term is factor · tangent, and every factor is finite, so a structural zero
/// tangent never becomes a NaN.
struct ScalarCombinedTape {
  var instructions: [ScalarInstruction]
  var terms: [ScalarTerm]
  /// The added constants, at registers `registerCount`, `registerCount + 1`, …
  var constants: [ScalarConstant]
}

extension ScalarCombinedTape {
  /// `isFiniteConstant(k)`: whether constant register k holds a finite value (only such
  /// constants become factors).
  init(
    _ tape: [ScalarInstruction], dimension: Int, registerCount: Int, output: Int,
    isFiniteConstant: (Int32) -> Bool
  ) {
    var readers = [Int](repeating: 0, count: registerCount)
    readers[output] += 1
    var producer = [Int](repeating: -1, count: registerCount)
    for (position, i) in tape.enumerated() {
      for operand in i.reads { readers[Int(operand)] += 1 }
      producer[Int(i.out)] = position
    }
    var forms = tape.map { $0.linearForm(isFiniteConstant) }
    var absorbed = [Bool](repeating: false, count: tape.count)
    var merged = [Bool](repeating: false, count: tape.count)
    /// The instruction computing `register` when its linear form can continue in its reader.
    func chain(_ term: LinearTerm) -> Int? {
      guard case .one = term.factor else { return nil }
      let p = producer[Int(term.register)]
      guard p >= 0, readers[Int(term.register)] == 1, forms[p] != nil else { return nil }
      return p
    }
    for position in tape.indices {
      guard var form = forms[position] else { continue }
      var producerPosition = chain(form[0])
      // A sum commutes exactly, so a chain may continue through its second operand.
      if producerPosition == nil, form.count > 1, case .one = form[0].factor,
        tape[position].op.addsFirstTwoTerms, let p = chain(form[1])
      {
        form.swapAt(0, 1)
        producerPosition = p
      }
      guard let p = producerPosition else { continue }
      forms[position] = forms[p]! + form.dropFirst()
      forms[p] = nil
      absorbed[p] = true
      merged[position] = true
    }

    var constantRegister: [ScalarConstant: Int32] = [:]
    constants = []
    func register(_ constant: ScalarConstant) -> Int32 {
      if let r = constantRegister[constant] { return r }
      let r = Int32(registerCount + constants.count)
      constantRegister[constant] = r
      constants.append(constant)
      return r
    }
    instructions = []
    terms = []
    for (position, i) in tape.enumerated() where !absorbed[position] {
      guard merged[position], let form = forms[position] else {
        instructions.append(i)
        continue
      }
      var combination = i
      combination.op = .linearCombination
      (combination.a, combination.b) = (Int32(terms.count), Int32(form.count))
      combination.activity = 0
      combination.dependence = 0
      instructions.append(combination)
      terms += form.map { term in
        let factor: Int32
        switch term.factor {
        case .register(let k): factor = k
        case .one: factor = register(.one)
        case .minusOne: factor = register(.minusOne)
        case .negated(let k): factor = register(.negated(k))
        }
        // A register that is neither an input nor computed holds a constant.
        let isConstant = term.register >= dimension && producer[Int(term.register)] < 0
        return ScalarTerm(
          register: isConstant ? register(.copy(term.register)) : term.register, factor: factor)
      }
    }
  }
}

/// A factor of a linear term before constant registers are assigned.
enum LinearFactor {
  case one, minusOne
  case register(Int32)
  case negated(Int32)
}

struct LinearTerm {
  var register: Int32
  var factor: LinearFactor
}

extension ScalarOp {
  /// Whether the linear form's first two terms are added (so they may swap).
  var addsFirstTwoTerms: Bool { self == .add || self == .sumPlusConstant }
}

extension ScalarInstruction {
  /// The instruction as terms r·k added left to right with the same rounding, when it is
  /// linear with finite constant factors.
  func linearForm(_ isFiniteConstant: (Int32) -> Bool) -> [LinearTerm]? {
    func term(_ r: Int32, _ f: LinearFactor) -> LinearTerm { LinearTerm(register: r, factor: f) }
    let finite = isFiniteConstant(k)
    switch op {
    case .copy: return [term(a, .one)]
    case .add: return [term(a, .one), term(b, .one)]
    case .subtract: return [term(a, .one), term(b, .minusOne)]
    case .negate: return [term(a, .minusOne)]
    case .addConstant: return [term(a, .one), term(k, .one)]
    case .subtractConstant: return [term(a, .one), term(k, .minusOne)]
    case .constantMinus: return [term(k, .one), term(a, .minusOne)]
    case .sumPlusConstant: return [term(a, .one), term(b, .one), term(k, .one)]
    case .multiplyConstant where finite: return [term(a, .register(k))]
    case .addScaled where finite: return [term(a, .one), term(b, .register(k))]
    case .subtractScaled where finite: return [term(a, .one), term(b, .negated(k))]
    case .scaledMinus where finite: return [term(b, .register(k)), term(a, .minusOne)]
    case .constantMinusScaled where finite: return [term(b, .one), term(a, .negated(k))]
    default: return nil
    }
  }
}

extension ScalarConstant {
  /// The constant's value, given the value of every register.
  func value<T: DifferentiableScalar>(_ registers: UnsafeMutablePointer<T>) -> T {
    switch self {
    case .one: return 1
    case .minusOne: return -1
    case .negated(let k): return -registers[Int(k)]
    case .copy(let k): return registers[Int(k)]
    }
  }
}
