/// √(a² + b²), without the overflow or underflow of the squares.
@_specialize(where T == Double)
public func hypot<T>(_ a: Variable<T>, _ b: Variable<T>) -> Variable<T> { .apply(.hypot, a, b) }

/// hypot(a, b) = h: ∂h/∂a = a/h, ∂h/∂b = b/h; the second partials b²/h³, −ab/h³, a²/h³.
/// At the origin the partials are 0/0, NaN, as in PyTorch.
enum HypotRule: ElementRule {
  @inline(__always) static var derivativesReadResult: Bool { true }
  @inline(__always) static func value<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    T.hypot(a, b)
  }
  @inline(__always)
  static func first<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T) -> (fa: T, fb: T) {
    let r = 1 / o
    return (a * r, b * r)
  }
  @inline(__always)
  static func second<T: DifferentiableScalar>(_ a: T, _ b: T, _ o: T)
    -> (fa: T, fb: T, faa: T, fab: T, fbb: T)
  {
    let r = 1 / o
    let fa = a * r
    let fb = b * r
    return (fa, fb, fb * fb * r, -fa * fb * r, fa * fa * r)
  }
  static func graphPartials<T: DifferentiableScalar>(
    _ a: Variable<T>, _ b: Variable<T>, _ o: Variable<T>
  ) -> (fa: Variable<T>, fb: Variable<T>) {
    let r = 1 / o
    return (a * r, b * r)
  }
}
