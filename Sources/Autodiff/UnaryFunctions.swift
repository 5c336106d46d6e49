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
