import Autodiff

/// The functions of the expression language, a namespace apart from the other names. A new
/// element-wise primitive adds its case here and to `elementwiseOp` (a test checks that this
/// list and the primitives' match).
enum Function: String, CaseIterable, Sendable {
  case exp, log, sqrt, abs, sin, cos, tan, tanh, atan, sinh, cosh, log1p, expm1, asin, acos,
    asinh, sigmoid, softplus, erf
  case atan2, pow, min, max, hypot
  case sum, mean, prod, dot, norm, logsumexp
  case len
  case `repeat`, range

  var arity: Int {
    switch self {
    case .atan2, .pow, .min, .max, .hypot, .dot, .repeat, .range: return 2
    default: return 1
    }
  }

  /// The primitive of an element-wise function.
  var elementwiseOp: Op? {
    switch self {
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
    case .atan2: return .atan2
    case .pow: return .power
    case .min: return .minimum
    case .max: return .maximum
    default: return nil
    }
  }
}

/// The names of the expression language's functions of `arity` arguments, in declaration order
/// (the fuzzer draws from them).
public func expressionFunctionNames(arity: Int) -> [String] {
  Function.allCases.filter { $0.arity == arity }.map(\.rawValue)
}
