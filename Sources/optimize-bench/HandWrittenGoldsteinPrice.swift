/// Goldstein–Price written out by hand, the baseline of the fast path:
/// f = P·Q, P = 1 + A²B, Q = 30 + C²D with A = x + y + 1, C = 2x − 3y,
/// B = 19 − 14x + 3x² − 14y + 6xy + 3y², D = 18 − 32x + 12x² + 48y − 36xy + 27y².
enum HandWrittenGoldsteinPrice {
  @inline(never)
  static func value(_ x: Double, _ y: Double) -> Double {
    let a = x + y + 1
    let b = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
    let c = 2 * x - 3 * y
    let d = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
    return (1 + a * a * b) * (30 + c * c * d)
  }

  /// Returns f and writes ∇f into `g`.
  @inline(never)
  static func gradient(_ x: Double, _ y: Double, _ g: UnsafeMutablePointer<Double>) -> Double {
    let a = x + y + 1
    let b = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
    let c = 2 * x - 3 * y
    let d = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
    let p = 1 + a * a * b
    let q = 30 + c * c * d
    let bx = -14 + 6 * x + 6 * y  // = ∂B/∂y as well
    let dx = -32 + 24 * x - 36 * y
    let dy = 48 - 36 * x + 54 * y
    let px = 2 * a * b + a * a * bx  // = ∂P/∂y
    let qx = 4 * c * d + c * c * dx
    let qy = -6 * c * d + c * c * dy
    g[0] = px * q + p * qx
    g[1] = px * q + p * qy
    return p * q
  }

  /// Returns f, writes ∇f into `g` and the row-major Hessian into `h`.
  @inline(never)
  static func hessian(
    _ x: Double, _ y: Double, _ g: UnsafeMutablePointer<Double>, _ h: UnsafeMutablePointer<Double>
  ) -> Double {
    let a = x + y + 1
    let b = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
    let c = 2 * x - 3 * y
    let d = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
    let p = 1 + a * a * b
    let q = 30 + c * c * d
    let bx = -14 + 6 * x + 6 * y
    let dx = -32 + 24 * x - 36 * y
    let dy = 48 - 36 * x + 54 * y
    let px = 2 * a * b + a * a * bx
    let qx = 4 * c * d + c * c * dx
    let qy = -6 * c * d + c * c * dy
    // B's second derivatives are all 6, so P's three second derivatives coincide.
    let pxx = 2 * b + 4 * a * bx + 6 * a * a
    let qxx = 8 * d + 8 * c * dx + 24 * c * c
    let qxy = -12 * d + 4 * c * dy - 6 * c * dx - 36 * c * c
    let qyy = 18 * d - 12 * c * dy + 54 * c * c
    g[0] = px * q + p * qx
    g[1] = px * q + p * qy
    h[0] = pxx * q + 2 * px * qx + p * qxx
    h[1] = pxx * q + px * qy + px * qx + p * qxy
    h[2] = h[1]
    h[3] = pxx * q + 2 * px * qy + p * qyy
    return p * q
  }
}

/// Chained Rosenbrock by hand: value and gradient in one pass.
enum HandWrittenRosenbrock {
  @inline(never)
  static func gradient(_ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>)
    -> Double
  {
    let n = x.count
    var f = 0.0
    var carry = 0.0  // 200·(x_i − x_{i−1}²), the part of ∂f/∂x_i from the previous term
    for i in 0..<(n - 1) {
      let xi = x[i]
      let r = x[i + 1] - xi * xi
      let d = 1 - xi
      f += 100 * r * r + d * d
      g[i] = carry - 400 * xi * r - 2 * d
      carry = 200 * r
    }
    g[n - 1] = carry
    return f
  }
}
