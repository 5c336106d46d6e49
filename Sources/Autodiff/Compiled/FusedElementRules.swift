/// The calculus of the fused superinstructions (see `ElementCode.subtractSquare` and the codes
/// after it). Each value is rounded exactly as the pair of instructions it replaces; the
/// derivatives are those of the pair, possibly rounded in another order.

/// `a − b²`: fa = 1, fb = −2b; the only curvature is fbb = −2.
enum SubtractSquareRule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    a - b * b
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (1, -2 * b, 0, 0, -2) }
}

/// `a·b²`: fa = b², fb = 2ab; faa = 0, fab = 2b, fbb = 2a.
enum MultiplySquareRule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    a * (b * b)
  }
  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    (b * b, 2 * a * b)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  { (b * b, 2 * a * b, 0, 2 * b, 2 * a) }
}

/// `(a − b)²`: with d = a − b, fa = 2d, fb = −2d; faa = fbb = 2, fab = −2.
enum SquareDifferenceRule: ElementRule {
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    let d = a - b
    return d * d
  }
  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    let d = 2 * (a - b)
    return (d, -d)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let d = 2 * (a - b)
    return (d, -d, 2, -2, 2)
  }
}
