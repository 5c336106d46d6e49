/// The calculus of each element-wise primitive `o = f(a, b)`: its value, its first partial
/// derivatives (gradient, tangents) and its second partial derivatives (Hessian–vector
/// products). Unary rules ignore `b`; the functions of one operand are defined in
/// `UnaryFunctions.swift`. The derivative functions also receive the value `o`, which several
/// rules reuse (exp, sqrt, tan, tanh).
///
/// Every path takes its numbers from here: the compiled sweeps, the compiled scalar steps
/// (`.general`) and the unrecorded backward pass of the define-by-run graph. The recorded
/// backward pass needs the same partials as graphs (`graphDerivative`, or for the older binary
/// primitives the formulas in Backward.swift); tests check that they give the same bits.
///
/// Each rule is a type so that the sweep loops are specialised per primitive: the switch on
/// the instruction code happens once per chunk, never once per element.
@usableFromInline
protocol ElementRule {
  /// Whether the rule ignores `b` (then `b` is `a`): its loops need no second stride.
  static var isUnary: Bool { get }
  /// Whether `first` or `second` reads the result `o`: then it must be stored.
  static var derivativesReadResult: Bool { get }
  static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  /// For a function of one operand, ∂o/∂a at `a` with result `o`, recorded with the
  /// primitives so that a recorded backward pass can be differentiated again. It computes the
  /// bits of `first(a, a, o).fa`.
  static func graphDerivative<T: DifferentiableScalar>(_ a: Variable<T>, _ o: Variable<T>)
    -> Variable<T>
  /// For a function of two operands defined only here, its two partials as graphs (see
  /// `graphDerivative`).
  static func graphPartials<T: DifferentiableScalar>(
    _ a: Variable<T>, _ b: Variable<T>, _ o: Variable<T>
  ) -> (fa: Variable<T>, fb: Variable<T>)
}

extension ElementRule {
  @inline(__always) static var isUnary: Bool { false }
  @inline(__always) static var derivativesReadResult: Bool { false }

  static func graphDerivative<T: DifferentiableScalar>(_ a: Variable<T>, _ o: Variable<T>)
    -> Variable<T>
  { preconditionFailure("\(Self.self) has no graph form of one operand") }

  static func graphPartials<T: DifferentiableScalar>(
    _ a: Variable<T>, _ b: Variable<T>, _ o: Variable<T>
  ) -> (fa: Variable<T>, fb: Variable<T>) {
    preconditionFailure("\(Self.self) has no graph form of two operands")
  }

  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    let s = second(a, b, o)
    return (s.fa, s.fb)
  }
}

enum AddRule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { a + b }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (1, 1, 0, 0, 0) }
}

enum SubtractRule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { a - b }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (1, -1, 0, 0, 0) }
}

enum MultiplyRule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { a * b }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (b, a, 0, 1, 0) }
}

enum DivideRule: ElementRule {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { a / b }
  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    let r = 1 / b
    return (r, -o * r)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let r = 1 / b
    return (r, -o * r, 0, -r * r, 2 * o * r * r)
  }
}

/// `a^b` with both operands variable; integer exponents of negative bases stay exact.
enum PowerRule: ElementRule {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    Kernels.power(a, b)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let p1 = Kernels.power(a, b - 1)
    // The graph's convention: a^b·log a is 0 where a = 0 and b ≥ 0 (0^b does not depend on b
    // there), not 0·(−∞) = NaN.
    let l = a == 0 && b >= 0 ? 0 : T.log(a)
    return (b * p1, o * l, b * (b - 1) * Kernels.power(a, b - 2), p1 * (1 + b * l), o * l * l)
  }
}

/// `a^c` with `c` independent of the input: no logarithm, so negative bases are fine. As in
/// the graph, a zero exponent gives a zero base derivative also at a = 0 (where c·a^(c−1)
/// would be 0·∞): c·a^0, which keeps the sign of a zero `c` as the graph does; likewise for
/// the second derivative at c = 0 or 1.
enum PowerConstantExponentRule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    Kernels.power(a, b)
  }
  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    (b * Kernels.power(a, b == 0 ? 0 : b - 1), 0)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let fa = b * Kernels.power(a, b == 0 ? 0 : b - 1)
    let faa = b == 0 || b == 1 ? 0 : b * (b - 1) * Kernels.power(a, b - 2)
    return (fa, 0, faa, 0, 0)
  }
}

enum SquareRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { a * a }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (2 * a, 0, 2, 0, 0) }
}

/// `atan2(a, b)`: the angle of the point (b, a).
enum Atan2Rule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    T.atan2(y: a, x: b)
  }
  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    let r = 1 / (a * a + b * b)
    return (b * r, -a * r)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let r = 1 / (a * a + b * b)
    let r2 = r * r
    return (b * r, -a * r, -2 * a * b * r2, (a * a - b * b) * r2, 2 * a * b * r2)
  }
}

/// The share of the derivative of `min`/`max` that goes to `a`, as in the graph: all of it
/// when `a` is chosen or NaN, none when `b` is chosen or NaN, half on a tie.
@inline(__always)
private func shareOfFirst<T: DifferentiableScalar>(_ a: T, _ b: T, choosesA: Bool) -> T {
  if a.isNaN { return 1 }
  if b.isNaN { return 0 }
  if a == b { return 0.5 }
  return choosesA ? 1 : 0
}

/// Minimum with NaN propagating.
enum MinimumRule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    Kernels.binary(.minimum, a, b)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let share = shareOfFirst(a, b, choosesA: a < b)
    return (share, 1 - share, 0, 0, 0)
  }
}

/// Maximum with NaN propagating.
enum MaximumRule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    Kernels.binary(.maximum, a, b)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let share = shareOfFirst(a, b, choosesA: a > b)
    return (share, 1 - share, 0, 0, 0)
  }
}
