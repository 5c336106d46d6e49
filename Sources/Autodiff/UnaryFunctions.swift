/// The element-wise functions of one operand, each defined once: the Swift function that
/// records it, its value, its first and second derivatives, and its first derivative as a
/// graph. Every path takes its behaviour from here — the define-by-run graph (value, recorded
/// and unrecorded backward), the compiled scalar steps and the vector sweeps (through
/// `ElementRule`) — and the expression language reaches it through `Op`.
///
/// Adding a function: a definition below, its case in `Op` and `ElementCode` (with their one
/// switch each), and its name in the expression language's `Function`. A test checks that the
/// lists match and that `graphDerivative` gives the bits of `derivatives(x, y).first`.
protocol UnaryFunction: ElementRule {
  static func value<T: DifferentiableScalar>(_ x: T) -> T
  /// f′(x) and f″(x), given y = f(x).
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T)
}

extension UnaryFunction {
  @inline(__always) static var isUnary: Bool { true }

  @inline(__always)
  static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { value(a) }

  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    (derivatives(a, o).first, 0)
  }

  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let d = derivatives(a, o)
    return (d.first, 0, d.second, 0, 0)
  }
}

/// −x (the operator is in Operations.swift).
enum NegateRule: UnaryFunction {
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { -x }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    (-1, 0)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  {
    .constant(mapping: x) { _ in -1 }
  }
}

@_specialize(where T == Double)
public func exp<T>(_ x: Variable<T>) -> Variable<T> { .apply(.exp, x) }

/// eˣ, its own derivative.
enum ExpRule: UnaryFunction {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.exp(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    (y, y)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { y }
}

@_specialize(where T == Double)
public func log<T>(_ x: Variable<T>) -> Variable<T> { .apply(.log, x) }

/// The natural logarithm: 1/x, −1/x².
enum LogRule: UnaryFunction {
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.log(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let r = 1 / x
    return (r, -r * r)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { 1 / x }
}

@_specialize(where T == Double)
public func sqrt<T>(_ x: Variable<T>) -> Variable<T> { .apply(.sqrt, x) }

/// √x: 1/(2√x), −1/(4x√x).
enum SqrtRule: UnaryFunction {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { x.squareRoot() }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let d = 1 / (2 * y)
    return (d, -d / (2 * x))
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  {
    1 / (2 * y)
  }
}

@_specialize(where T == Double)
public func abs<T>(_ x: Variable<T>) -> Variable<T> { .apply(.abs, x) }

/// |x|; the derivative at 0 is taken as 0 (the sign function), a constant to every order.
enum AbsRule: UnaryFunction {
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { Swift.abs(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    (sign(x), 0)
  }
  @inline(__always)
  private static func sign<T: DifferentiableScalar>(_ x: T) -> T { x > 0 ? 1 : (x < 0 ? -1 : 0) }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  {
    .constant(mapping: x) { sign($0) }
  }
}

@_specialize(where T == Double)
public func sin<T>(_ x: Variable<T>) -> Variable<T> { .apply(.sin, x) }

enum SinRule: UnaryFunction {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.sin(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    (T.cos(x), -y)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { cos(x) }
}

@_specialize(where T == Double)
public func cos<T>(_ x: Variable<T>) -> Variable<T> { .apply(.cos, x) }

enum CosRule: UnaryFunction {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.cos(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    (-T.sin(x), -y)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { -sin(x) }
}

@_specialize(where T == Double)
public func tan<T>(_ x: Variable<T>) -> Variable<T> { .apply(.tan, x) }

/// tan x: 1 + tan²x, 2 tan x (1 + tan²x).
enum TanRule: UnaryFunction {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.tan(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let d = 1 + y * y
    return (d, 2 * y * d)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  {
    1 + y * y
  }
}

@_specialize(where T == Double)
public func tanh<T>(_ x: Variable<T>) -> Variable<T> { .apply(.tanh, x) }

/// tanh x: 1 − tanh²x, −2 tanh x (1 − tanh²x).
enum TanhRule: UnaryFunction {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.tanh(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let d = 1 - y * y
    return (d, -2 * y * d)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  {
    1 - y * y
  }
}

@_specialize(where T == Double)
public func atan<T>(_ x: Variable<T>) -> Variable<T> { .apply(.atan, x) }

/// atan x: 1/(1 + x²), −2x/(1 + x²)².
enum AtanRule: UnaryFunction {
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.atan(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let r = 1 / (1 + x * x)
    return (r, -2 * x * r * r)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  {
    1 / (1 + x * x)
  }
}

@_specialize(where T == Double)
public func sinh<T>(_ x: Variable<T>) -> Variable<T> { .apply(.sinh, x) }

/// sinh x: cosh x, sinh x.
enum SinhRule: UnaryFunction {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.sinh(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    (T.cosh(x), y)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { cosh(x) }
}

@_specialize(where T == Double)
public func cosh<T>(_ x: Variable<T>) -> Variable<T> { .apply(.cosh, x) }

/// cosh x: sinh x, cosh x.
enum CoshRule: UnaryFunction {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.cosh(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    (T.sinh(x), y)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { sinh(x) }
}

@_specialize(where T == Double)
public func log1p<T>(_ x: Variable<T>) -> Variable<T> { .apply(.log1p, x) }

/// log(1 + x), exact near 0: 1/(1 + x), −1/(1 + x)².
enum Log1pRule: UnaryFunction {
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T {
    T.log(onePlus: x)
  }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let r = 1 / (1 + x)
    return (r, -r * r)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { 1 / (1 + x) }
}

@_specialize(where T == Double)
public func expm1<T>(_ x: Variable<T>) -> Variable<T> { .apply(.expm1, x) }

/// eˣ − 1, exact near 0: both derivatives are eˣ, that is y + 1.
enum Expm1Rule: UnaryFunction {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T {
    T.expMinusOne(x)
  }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let d = y + 1
    return (d, d)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { y + 1 }
}

@_specialize(where T == Double)
public func asin<T>(_ x: Variable<T>) -> Variable<T> { .apply(.asin, x) }

/// asin x: 1/√(1 − x²), x/(1 − x²)^(3/2).
enum AsinRule: UnaryFunction {
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.asin(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let r = 1 / (1 - x * x).squareRoot()
    return (r, x * r * r * r)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { 1 / sqrt(1 - x * x) }
}

@_specialize(where T == Double)
public func acos<T>(_ x: Variable<T>) -> Variable<T> { .apply(.acos, x) }

/// acos x: −1/√(1 − x²), −x/(1 − x²)^(3/2).
enum AcosRule: UnaryFunction {
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.acos(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let r = 1 / (1 - x * x).squareRoot()
    return (-r, -x * r * r * r)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { -(1 / sqrt(1 - x * x)) }
}

@_specialize(where T == Double)
public func asinh<T>(_ x: Variable<T>) -> Variable<T> { .apply(.asinh, x) }

/// asinh x: 1/√(1 + x²), −x/(1 + x²)^(3/2).
enum AsinhRule: UnaryFunction {
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.asinh(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let r = 1 / (1 + x * x).squareRoot()
    return (r, -x * r * r * r)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { 1 / sqrt(1 + x * x) }
}

@_specialize(where T == Double)
public func sigmoid<T>(_ x: Variable<T>) -> Variable<T> { .apply(.sigmoid, x) }

/// The logistic function 1/(1 + e⁻ˣ): y(1 − y), y(1 − y)(1 − 2y).
enum SigmoidRule: UnaryFunction {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T {
    // e⁻ˣ overflows to ∞ for very negative x, giving 1/∞ = 0: no NaN either way.
    1 / (1 + T.exp(-x))
  }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let d = y * (1 - y)
    return (d, d * (1 - 2 * y))
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { y * (1 - y) }
}

@_specialize(where T == Double)
public func softplus<T>(_ x: Variable<T>) -> Variable<T> { .apply(.softplus, x) }

/// log(1 + eˣ), computed as max(x, 0) + log1p(e^−|x|) so that it neither overflows nor loses
/// the small values: sigmoid x, and its derivative.
enum SoftplusRule: UnaryFunction {
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T {
    Swift.max(x, 0) + T.log(onePlus: T.exp(-Swift.abs(x)))
  }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let s = SigmoidRule.value(x)
    return (s, s * (1 - s))
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { sigmoid(x) }
}

@_specialize(where T == Double)
public func erf<T>(_ x: Variable<T>) -> Variable<T> { .apply(.erf, x) }

/// The error function: (2/√π) e^(−x²), −2x times that.
enum ErfRule: UnaryFunction {
  @inline(__always) static func value<T: DifferentiableScalar>(_ x: T) -> T { T.erf(x) }
  @inline(__always)
  static func derivatives<T: DifferentiableScalar>(_ x: T, _ y: T) -> (first: T, second: T) {
    let d = twoOverRootPi() * T.exp(-(x * x))
    return (d, -2 * x * d)
  }
  static func graphDerivative<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>)
    -> Variable<T>
  { twoOverRootPi() * exp(-(x * x)) }
  @inline(__always)
  private static func twoOverRootPi<T: DifferentiableScalar>() -> T { 2 / T.pi.squareRoot() }
}
