/// The calculus of each element-wise primitive `o = f(a, b)`: its value, its first partial
/// derivatives (gradient, tangents) and its second partial derivatives (Hessian–vector
/// products). Unary rules ignore `b`. The derivative functions also receive the value `o`,
/// which several rules reuse (exp, sqrt, tan, tanh).
///
/// Each rule is a type so that the sweep loops are specialised per primitive: the switch on
/// the instruction code happens once per chunk, never once per element.
@usableFromInline
protocol ElementRule {
  /// Whether the rule ignores `b` (then `b` is `a`): its loops need no second stride.
  static var isUnary: Bool { get }
  static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
}

extension ElementRule {
  @inline(__always) static var isUnary: Bool { false }

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
/// would be 0·∞), and likewise for the second derivative at c = 0 or 1.
enum PowerConstantExponentRule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    Kernels.power(a, b)
  }
  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    (b == 0 ? 0 : b * Kernels.power(a, b - 1), 0)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let fa = b == 0 ? 0 : b * Kernels.power(a, b - 1)
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

enum NegateRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { -a }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (-1, 0, 0, 0, 0) }
}

enum ExpRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { T.exp(a) }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (o, 0, o, 0, 0) }
}

enum LogRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { T.log(a) }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let r = 1 / a
    return (r, 0, -r * r, 0, 0)
  }
}

enum SqrtRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    a.squareRoot()
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let d = 1 / (2 * o)
    return (d, 0, -d / (2 * a), 0, 0)
  }
}

/// |a|; the derivative at 0 is taken as 0 (the sign function).
enum AbsRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    Swift.abs(a)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (a > 0 ? 1 : (a < 0 ? -1 : 0), 0, 0, 0, 0) }
}

enum SinRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { T.sin(a) }
  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    (T.cos(a), 0)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (T.cos(a), 0, -o, 0, 0) }
}

enum CosRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { T.cos(a) }
  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    (-T.sin(a), 0)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (-T.sin(a), 0, -o, 0, 0) }
}

enum TanRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { T.tan(a) }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let d = 1 + o * o
    return (d, 0, 2 * o * d, 0, 0)
  }
}

enum TanhRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { T.tanh(a) }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let d = 1 - o * o
    return (d, 0, -2 * o * d, 0, 0)
  }
}

enum AtanRule: ElementRule {
  @inline(__always) static var isUnary: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T { T.atan(a) }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let r = 1 / (1 + a * a)
    return (r, 0, -2 * a * r * r, 0, 0)
  }
}
