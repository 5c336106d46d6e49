/// The primitive operations the graph records. Everything in the problem-file language is a
/// composition of these; composites such as `dot`, `mean` and `norm` are built from them in
/// `Operations.swift`. The element-wise ones take their calculus from their rule (see
/// `elementCode`; those of one operand are defined in `UnaryFunctions.swift`). The set is closed under differentiation: every backward rule is written
/// with these same operations, which is what lets `createGraph` go to any order.
public enum Op: Hashable, Sendable, CustomStringConvertible {
  // Element-wise, two operands, scalar broadcasting against vector.
  case add, subtract, multiply, divide, power, atan2, minimum, maximum, hypot
  // Element-wise, one operand.
  case negate, exp, log, sqrt, abs, sin, cos, tan, tanh, atan, sinh, cosh, log1p, expm1, asin,
    acos, asinh, sigmoid, softplus, erf
  /// Vector (or scalar) to scalar.
  case sum, product
  /// Element `i` (already non-negative) of a vector: a scalar.
  case index(Int)
  /// Elements `lower..<upper` (already clamped) of a vector.
  case slice(lower: Int, upper: Int)
  /// Scalars and vectors concatenated into one vector (n-ary).
  case concat
  /// A vector (or scalar) tiled `times` times.
  case tile(times: Int)
  /// A scalar copied into a vector of length `count` (backward of `sum`).
  case broadcast(count: Int)
  /// A scalar placed at `index` of a zero vector of length `count` (backward of `index`).
  case scatter(index: Int, count: Int)
  /// A vector placed at `lower` inside a zero vector of length `count` (backward of `slice`).
  case pad(lower: Int, count: Int)
  /// A vector of length `times·m` folded into length m by summing its blocks (backward of `tile`).
  case foldTiles(times: Int)

  public var description: String {
    switch self {
    case .add: return "+"
    case .subtract: return "-"
    case .multiply: return "*"
    case .divide: return "/"
    case .power: return "^"
    case .atan2: return "atan2"
    case .minimum: return "min"
    case .maximum: return "max"
    case .negate: return "neg"
    case .sum: return "sum"
    case .product: return "prod"
    case .index(let i): return "[\(i)]"
    case .slice(let l, let u): return "[\(l):\(u)]"
    case .concat: return "concat"
    case .tile(let k): return "repeat(\(k))"
    case .broadcast(let n): return "broadcast(\(n))"
    case .scatter(let i, let n): return "scatter(\(i), \(n))"
    case .pad(let l, let n): return "pad(\(l), \(n))"
    case .foldTiles(let k): return "foldTiles(\(k))"
    default: return "\(elementCode!)"  // The functions named after their rule.
    }
  }

  /// True for the element-wise operations of one operand.
  var isUnary: Bool { elementCode.map { !$0.isBinary } ?? false }

  /// True for the operations applied element by element.
  public var isElementwise: Bool { elementCode != nil }

  /// The instruction of an element-wise primitive, whose rule holds its calculus; nil for the
  /// others.
  var elementCode: ElementCode? {
    switch self {
    case .add: return .add
    case .subtract: return .subtract
    case .multiply: return .multiply
    case .divide: return .divide
    case .power: return .power
    case .atan2: return .atan2
    case .minimum: return .minimum
    case .maximum: return .maximum
    case .negate: return .negate
    case .exp: return .exp
    case .log: return .log
    case .sqrt: return .sqrt
    case .abs: return .abs
    case .sin: return .sin
    case .cos: return .cos
    case .tan: return .tan
    case .tanh: return .tanh
    case .atan: return .atan
    case .sinh: return .sinh
    case .cosh: return .cosh
    case .log1p: return .log1p
    case .expm1: return .expm1
    case .asin: return .asin
    case .acos: return .acos
    case .asinh: return .asinh
    case .sigmoid: return .sigmoid
    case .softplus: return .softplus
    case .erf: return .erf
    case .hypot: return .hypot
    case .sum, .product, .index, .slice, .concat, .tile, .broadcast, .scatter, .pad, .foldTiles:
      return nil
    }
  }
}
