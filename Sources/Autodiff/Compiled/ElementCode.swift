/// The element-wise instructions of a program and, in one switch, the rule each one runs.
/// A new element-wise primitive adds its case here and in `Op`, and its rule elsewhere.

/// The element-wise primitives, with constant exponents split out so their derivative never
/// needs a logarithm, and `x^2` as its own instruction.
@usableFromInline
enum ElementCode: UInt8, CaseIterable {
  case add, subtract, multiply, divide, power, powerConstantExponent, square, atan2, minimum,
    maximum, hypot
  case negate, exp, log, sqrt, abs, sin, cos, tan, tanh, atan, sinh, cosh, log1p, expm1, asin,
    acos, asinh, sigmoid, softplus, erf
  /// Accumulates the chunk's elements into a scalar (zeroed before the group runs).
  case sum
  /// Superinstructions: a pair of the codes above that the lowering often produces, fused
  /// (see `Lowering.fuse`) so that a chain makes fewer passes over its chunk. `a − b²`,
  /// `a·b²` and `(a − b)²`, each rounded as the pair it replaces.
  case subtractSquare, multiplySquare, squareDifference
  /// A three-operand superinstruction: `a·b² + c`, a weighted square added to another term,
  /// rounded as `multiplySquare` and then `add`. Its third operand is `ElementInstruction.c`;
  /// it has its own kernels (see `MultiplySquareAddKernel`), not an `ElementRule`.
  case multiplySquareAdd
}

/// Something done with the rule of one element-wise code (a pass over a chunk, one scalar
/// step, a question about the rule), written once and specialised per rule.
protocol ChunkKernel {
  associatedtype Result = Void
  func run<R: ElementRule>(_ rule: R.Type) -> Result
}

extension ChunkKernel {
  /// Runs the kernel with the rule of `code` (not `sum` nor `multiplySquareAdd`, which the
  /// sweeps handle themselves).
  @inline(__always)
  func dispatch(_ code: ElementCode) -> Result {
    switch code {
    case .add: run(AddRule.self)
    case .subtract: run(SubtractRule.self)
    case .multiply: run(MultiplyRule.self)
    case .divide: run(DivideRule.self)
    case .power: run(PowerRule.self)
    case .powerConstantExponent: run(PowerConstantExponentRule.self)
    case .square: run(SquareRule.self)
    case .atan2: run(Atan2Rule.self)
    case .minimum: run(MinimumRule.self)
    case .maximum: run(MaximumRule.self)
    case .negate: run(NegateRule.self)
    case .exp: run(ExpRule.self)
    case .log: run(LogRule.self)
    case .sqrt: run(SqrtRule.self)
    case .abs: run(AbsRule.self)
    case .sin: run(SinRule.self)
    case .cos: run(CosRule.self)
    case .tan: run(TanRule.self)
    case .tanh: run(TanhRule.self)
    case .atan: run(AtanRule.self)
    case .sinh: run(SinhRule.self)
    case .cosh: run(CoshRule.self)
    case .log1p: run(Log1pRule.self)
    case .expm1: run(Expm1Rule.self)
    case .asin: run(AsinRule.self)
    case .acos: run(AcosRule.self)
    case .asinh: run(AsinhRule.self)
    case .sigmoid: run(SigmoidRule.self)
    case .softplus: run(SoftplusRule.self)
    case .erf: run(ErfRule.self)
    case .hypot: run(HypotRule.self)
    case .subtractSquare: run(SubtractSquareRule.self)
    case .multiplySquare: run(MultiplySquareRule.self)
    case .squareDifference: run(SquareDifferenceRule.self)
    case .sum: preconditionFailure("sum has no element rule")
    case .multiplySquareAdd: preconditionFailure("multiplySquareAdd has its own kernels")
    }
  }
}

/// Whether a rule ignores its second operand.
private struct IsUnary: ChunkKernel {
  @inline(__always) func run<R: ElementRule>(_ rule: R.Type) -> Bool { R.isUnary }
}

/// Whether a rule's derivatives read its result.
private struct ReadsResult: ChunkKernel {
  @inline(__always) func run<R: ElementRule>(_ rule: R.Type) -> Bool { R.derivativesReadResult }
}

extension ElementCode {
  /// Whether the rule's derivatives read the result `o` (and not only the operands).
  var derivativesReadResult: Bool {
    switch self {
    case .sum, .multiplySquareAdd: return false
    default: return ReadsResult().dispatch(self)
    }
  }

  /// Whether ∂o/∂a is exactly 1, so that a local `a` read only here can share the result's
  /// adjoint.
  var hasUnitFirstPartial: Bool {
    self == .add || self == .subtract || self == .subtractSquare
  }

  /// Whether the code reads its second operand.
  var isBinary: Bool {
    switch self {
    case .sum: return false
    case .multiplySquareAdd: return true
    default: return !IsUnary().dispatch(self)
    }
  }
}
