import Foundation
import Solvers

/// Hand-written test functions with hand-derived gradients and known minimizers, independent of
/// the autodiff core and of the problem loader.
struct TestFunction: Sendable {
  let name: String
  let dimension: Int
  let value: @Sendable ([Double]) -> Double
  /// ∇f, derived by hand.
  let gradient: @Sendable ([Double]) -> [Double]
  let start: [Double]
  let minimizer: [Double]

  /// An `Objective` in precision T over this function, evaluated in Double.
  func objective<T: SolverScalar>(_: T.Type = T.self, counter: EvaluationCounter? = nil)
    -> Objective<T>
  {
    let value = self.value
    let gradient = self.gradient
    return Objective<T>(
      dimension: dimension,
      value: { x in
        counter?.values += 1
        return T(value(x.map { Double($0) }))
      },
      gradient: { x, g in
        counter?.gradients += 1
        let xd = x.map { Double($0) }
        g = gradient(xd).map { T($0) }
        return T(value(xd))
      })
  }
}

/// Counts calls into an objective's closures, independently of the objective's own counts.
final class EvaluationCounter {
  var values = 0
  var gradients = 0
}

enum TestFunctions {
  /// f = Σ xᵢ², ∇f = 2x, minimizer 0.
  static let sphere = TestFunction(
    name: "sphere", dimension: 3,
    value: { x in x.reduce(0) { $0 + $1 * $1 } },
    gradient: { x in x.map { 2 * $0 } },
    start: [1, -2, 0.5], minimizer: [0, 0, 0])

  /// f = 0.26(x² + y²) − 0.48xy, ∇f = (0.52x − 0.48y, 0.52y − 0.48x), minimizer 0. Its Hessian
  /// has eigenvalues 1 and 0.04, so it is moderately ill-conditioned.
  static let matyas = TestFunction(
    name: "matyas", dimension: 2,
    value: { v in 0.26 * (v[0] * v[0] + v[1] * v[1]) - 0.48 * v[0] * v[1] },
    gradient: { v in [0.52 * v[0] - 0.48 * v[1], 0.52 * v[1] - 0.48 * v[0]] },
    start: [1, 3], minimizer: [0, 0])

  /// f = ½ xᵀAx − bᵀx with A = [[4,1,0],[1,3,1],[0,1,2]] (positive definite), b = (1, 2, 3);
  /// ∇f = Ax − b, and solving Ax = b by elimination gives the minimizer (2/9, 1/9, 13/9).
  static let quadratic = TestFunction(
    name: "quadratic", dimension: 3,
    value: { x in
      let ax = multiplyA(x)
      return 0.5 * (x[0] * ax[0] + x[1] * ax[1] + x[2] * ax[2]) - (x[0] + 2 * x[1] + 3 * x[2])
    },
    gradient: { x in
      let ax = multiplyA(x)
      return [ax[0] - 1, ax[1] - 2, ax[2] - 3]
    },
    start: [0, 0, 0], minimizer: [2.0 / 9, 1.0 / 9, 13.0 / 9])

  private static func multiplyA(_ x: [Double]) -> [Double] {
    [4 * x[0] + x[1], x[0] + 3 * x[1] + x[2], x[1] + 2 * x[2]]
  }

  /// f = (1 − x)² + 100(y − x²)², ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²)), minimizer (1, 1).
  static let rosenbrock = TestFunction(
    name: "rosenbrock", dimension: 2,
    value: { v in
      let a = 1 - v[0]
      let b = v[1] - v[0] * v[0]
      return a * a + 100 * b * b
    },
    gradient: { v in
      let b = v[1] - v[0] * v[0]
      return [-2 * (1 - v[0]) - 400 * v[0] * b, 200 * b]
    },
    start: [-1.2, 1], minimizer: [1, 1])

  /// Goldstein–Price, f = A·B with A = 1 + u²P, u = x + y + 1,
  /// P = 19 − 14x + 3x² − 14y + 6xy + 3y², and B = 30 + v²Q, v = 2x − 3y,
  /// Q = 18 − 32x + 12x² + 48y − 36xy + 27y². By the product and chain rules
  /// ∂A/∂x = ∂A/∂y = 2uP + u²(−14 + 6x + 6y), ∂B/∂x = 4vQ + v²(−32 + 24x − 36y),
  /// ∂B/∂y = −6vQ + v²(48 − 36x + 54y). Minimizer (0, −1), f = 3.
  static let goldstein = TestFunction(
    name: "goldstein", dimension: 2,
    value: { p in
      let parts = goldsteinParts(p)
      return parts.a * parts.b
    },
    gradient: { p in
      let (x, y) = (p[0], p[1])
      let parts = goldsteinParts(p)
      let (u, v) = (x + y + 1, 2 * x - 3 * y)
      let aSlope = 2 * u * parts.p + u * u * (-14 + 6 * x + 6 * y)
      let bx = 4 * v * parts.q + v * v * (-32 + 24 * x - 36 * y)
      let by = -6 * v * parts.q + v * v * (48 - 36 * x + 54 * y)
      return [aSlope * parts.b + parts.a * bx, aSlope * parts.b + parts.a * by]
    },
    start: [-0.5, 0.25], minimizer: [0, -1])

  private static func goldsteinParts(_ v: [Double]) -> (a: Double, b: Double, p: Double, q: Double)
  {
    let (x, y) = (v[0], v[1])
    let u = x + y + 1
    let w = 2 * x - 3 * y
    let p = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y
    let q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y
    return (1 + u * u * p, 30 + w * w * q, p, q)
  }

  /// f = log(x) + y², ∇f = (1/x, 2y): NaN for x < 0, so a start there cannot be minimized.
  static let logarithm = TestFunction(
    name: "logarithm", dimension: 2,
    value: { v in Foundation.log(v[0]) + v[1] * v[1] },
    gradient: { v in [1 / v[0], 2 * v[1]] },
    start: [-1, 0.5], minimizer: [0, 0])

  static let convex = [sphere, matyas, quadratic]
}
