/// A two-variable function with its value, gradient and Hessian written out by hand: the
/// baseline the fast path and define-by-run are measured against.
struct HandWrittenFunction {
  var value: (Double, Double) -> Double
  /// Returns f and writes ∇f into the pointer.
  var gradient: (Double, Double, UnsafeMutablePointer<Double>) -> Double
  /// Returns f, writes ∇f into the first pointer and the row-major Hessian into the second.
  var hessian:
    (Double, Double, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Double

  static var goldstein: HandWrittenFunction {
    HandWrittenFunction(
      value: HandWrittenGoldsteinPrice.value, gradient: HandWrittenGoldsteinPrice.gradient,
      hessian: HandWrittenGoldsteinPrice.hessian)
  }
  static var rosenbrock: HandWrittenFunction {
    HandWrittenFunction(
      value: HandWrittenRosenbrock2.value, gradient: HandWrittenRosenbrock2.gradient,
      hessian: HandWrittenRosenbrock2.hessian)
  }
  static var beale: HandWrittenFunction {
    HandWrittenFunction(
      value: HandWrittenBeale.value, gradient: HandWrittenBeale.gradient,
      hessian: HandWrittenBeale.hessian)
  }
}

/// Rosenbrock's f = 100(y − x²)² + (1 − x)² by hand.
enum HandWrittenRosenbrock2 {
  @inline(never)
  static func value(_ x: Double, _ y: Double) -> Double {
    let r = y - x * x
    let d = 1 - x
    return 100 * r * r + d * d
  }

  @inline(never)
  static func gradient(_ x: Double, _ y: Double, _ g: UnsafeMutablePointer<Double>) -> Double {
    let r = y - x * x
    let d = 1 - x
    g[0] = -400 * x * r - 2 * d
    g[1] = 200 * r
    return 100 * r * r + d * d
  }

  @inline(never)
  static func hessian(
    _ x: Double, _ y: Double, _ g: UnsafeMutablePointer<Double>, _ h: UnsafeMutablePointer<Double>
  ) -> Double {
    let r = y - x * x
    let d = 1 - x
    g[0] = -400 * x * r - 2 * d
    g[1] = 200 * r
    h[0] = 1200 * x * x - 400 * y + 2
    h[1] = -400 * x
    h[2] = h[1]
    h[3] = 200
    return 100 * r * r + d * d
  }
}

/// Beale's f = Σᵢ rᵢ², rᵢ = cᵢ − x(1 − yⁱ), c = (1.5, 2.25, 2.625), by hand:
/// ∂rᵢ/∂x = yⁱ − 1, ∂rᵢ/∂y = i·x·yⁱ⁻¹, ∂²rᵢ/∂x∂y = i·yⁱ⁻¹, ∂²rᵢ/∂y² = i(i−1)·x·yⁱ⁻².
enum HandWrittenBeale {
  @inline(never)
  static func value(_ x: Double, _ y: Double) -> Double {
    let y2 = y * y
    let r1 = 1.5 - x * (1 - y)
    let r2 = 2.25 - x * (1 - y2)
    let r3 = 2.625 - x * (1 - y2 * y)
    return r1 * r1 + r2 * r2 + r3 * r3
  }

  @inline(never)
  static func gradient(_ x: Double, _ y: Double, _ g: UnsafeMutablePointer<Double>) -> Double {
    let y2 = y * y
    let y3 = y2 * y
    let r1 = 1.5 - x * (1 - y)
    let r2 = 2.25 - x * (1 - y2)
    let r3 = 2.625 - x * (1 - y3)
    g[0] = 2 * (r1 * (y - 1) + r2 * (y2 - 1) + r3 * (y3 - 1))
    g[1] = 2 * x * (r1 + 2 * r2 * y + 3 * r3 * y2)
    return r1 * r1 + r2 * r2 + r3 * r3
  }

  @inline(never)
  static func hessian(
    _ x: Double, _ y: Double, _ g: UnsafeMutablePointer<Double>, _ h: UnsafeMutablePointer<Double>
  ) -> Double {
    let y2 = y * y
    let y3 = y2 * y
    let r1 = 1.5 - x * (1 - y)
    let r2 = 2.25 - x * (1 - y2)
    let r3 = 2.625 - x * (1 - y3)
    let (a1, a2, a3) = (y - 1, y2 - 1, y3 - 1)  // ∂rᵢ/∂x
    let (b1, b2, b3) = (x, 2 * x * y, 3 * x * y2)  // ∂rᵢ/∂y
    g[0] = 2 * (r1 * a1 + r2 * a2 + r3 * a3)
    g[1] = 2 * (r1 * b1 + r2 * b2 + r3 * b3)
    h[0] = 2 * (a1 * a1 + a2 * a2 + a3 * a3)
    h[1] = 2 * (b1 * a1 + b2 * a2 + b3 * a3 + r1 + r2 * 2 * y + r3 * 3 * y2)
    h[2] = h[1]
    h[3] = 2 * (b1 * b1 + b2 * b2 + b3 * b3 + r2 * 2 * x + r3 * 6 * x * y)
    return r1 * r1 + r2 * r2 + r3 * r3
  }
}
