/// Central finite differences of plain functions: the independent reference every derivative in
/// this toolkit is checked against (by `GradientChecker`, `optimize derive` and the tests).
///
/// Coordinate i is stepped by hᵢ = step·max(1, |xᵢ|), rounded so that xᵢ ± hᵢ are exact and the
/// divisor is the true distance. The default steps balance truncation against rounding error:
/// ε^(1/3) for first differences, ε^(1/4) for second differences of f alone.
public enum FiniteDifferences {
  /// ε^(1/3): about 6e-6 in Double, 5e-3 in Float.
  public static func firstOrderStep<T: DifferentiableScalar>(_: T.Type = T.self) -> T {
    T.exp(T.log(T.ulpOfOne) / 3)
  }

  /// ε^(1/4): about 1.2e-4 in Double.
  public static func secondOrderStep<T: DifferentiableScalar>(_: T.Type = T.self) -> T {
    T.exp(T.log(T.ulpOfOne) / 4)
  }

  /// The step for a coordinate of value `x`, such that (x + h) − x == h exactly.
  public static func step<T: DifferentiableScalar>(_ x: T, relative: T) -> T {
    let h = relative * Swift.max(1, Swift.abs(x))
    return (x + h) - x
  }

  /// x stepped by ±h along coordinate i.
  private static func pair<T: DifferentiableScalar>(_ x: [T], _ i: Int, _ h: T) -> (
    plus: [T], minus: [T]
  ) {
    var plus = x
    var minus = x
    plus[i] += h
    minus[i] -= h
    return (plus, minus)
  }

  /// ∇f(x), component i = (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / 2hᵢ: the one-row case of `jacobian`.
  public static func gradient<T: DifferentiableScalar, E: Error>(
    _ f: ([T]) throws(E) -> T, at x: [T], step relative: T? = nil
  ) throws(E) -> [T] {
    try jacobian({ (y: [T]) throws(E) -> [T] in [try f(y)] }, at: x, step: relative)[0]
  }

  /// The Jacobian of a vector function g (row i = ∇gᵢ); with g = ∇f it is the Hessian of f.
  /// A g whose output length changes with x is a caller's bug.
  public static func jacobian<T: DifferentiableScalar, E: Error>(
    _ g: ([T]) throws(E) -> [T], at x: [T], step relative: T? = nil
  ) throws(E) -> [[T]] {
    let relative = relative ?? firstOrderStep(T.self)
    let m = try g(x).count
    var result = [[T]](repeating: [T](repeating: 0, count: x.count), count: m)
    for j in x.indices {
      let h = step(x[j], relative: relative)
      let (plus, minus) = pair(x, j, h)
      let up = try g(plus)
      let down = try g(minus)
      precondition(up.count == m && down.count == m, "the function's output length changed")
      for i in 0..<m { result[i][j] = (up[i] - down[i]) / (2 * h) }
    }
    return result
  }

  /// The Hessian of f from values alone: the diagonal by the three-point formula, the rest by
  /// the four-point one, steps of ε^(1/4) by default. Symmetric by construction.
  public static func hessian<T: DifferentiableScalar, E: Error>(
    _ f: ([T]) throws(E) -> T, at x: [T], step relative: T? = nil
  ) throws(E) -> [[T]] {
    let relative = relative ?? secondOrderStep(T.self)
    let n = x.count
    let f0 = try f(x)
    let h = x.map { step($0, relative: relative) }
    func shifted(_ i: Int, _ si: T, _ j: Int, _ sj: T) throws(E) -> T {
      var p = x
      p[i] += si * h[i]
      p[j] += sj * h[j]
      return try f(p)
    }
    var result = [[T]](repeating: [T](repeating: 0, count: n), count: n)
    for i in 0..<n {
      let (plus, minus) = pair(x, i, h[i])
      result[i][i] = (try f(plus) - 2 * f0 + f(minus)) / (h[i] * h[i])
      for j in 0..<i {
        let value =
          (try shifted(i, 1, j, 1) - shifted(i, 1, j, -1) - shifted(i, -1, j, 1)
            + shifted(i, -1, j, -1)) / (4 * h[i] * h[j])
        result[i][j] = value
        result[j][i] = value
      }
    }
    return result
  }

  /// The derivative of a vector function along v: (g(x + hv) − g(x − hv)) / 2h, with h scaled
  /// by the largest |xᵢ|.
  public static func directional<T: DifferentiableScalar, E: Error>(
    _ g: ([T]) throws(E) -> [T], at x: [T], along v: [T], step relative: T? = nil
  ) throws(E) -> [T] {
    precondition(v.count == x.count, "direction of length \(v.count) for a point of \(x.count)")
    let relative = relative ?? firstOrderStep(T.self)
    let scale = x.reduce(T(0)) { Swift.max($0, Swift.abs($1)) }
    let h = relative * Swift.max(1, scale)
    let plus = zip(x, v).map { $0 + h * $1 }
    let minus = zip(x, v).map { $0 - h * $1 }
    let up = try g(plus)
    let down = try g(minus)
    return zip(up, down).map { ($0 - $1) / (2 * h) }
  }
}
