import Autodiff
import OptimizationCore
import Testing

/// Hand-written test objectives with hand-derived gradients and Hessians.
public enum TestObjectives {
  /// f = Σ xᵢ², ∇f = 2x, H = 2I; minimum 0 at the origin.
  public static func sphere<T: SolverScalar>(_ n: Int = 2, as _: T.Type = T.self) -> Objective<T> {
    Objective(
      dimension: n,
      value: { x in x.reduce(0) { $0 + $1 * $1 } },
      gradient: { x, g in
        for i in 0..<n { g[i] = 2 * x[i] }
        return x.reduce(0) { $0 + $1 * $1 }
      },
      hessian: { _, h in
        for i in 0..<n { for j in 0..<n { h[i * n + j] = i == j ? 2 : 0 } }
      })
  }

  /// f(x) = (x² − 2)², f′ = 4x(x² − 2): SGD never reaches a zero gradient (√2 is irrational),
  /// so with a gradient tolerance of 0 it runs to its iteration limit.
  public static func sqrt2() -> Objective<Double> {
    Objective(
      dimension: 1, value: { x in (x[0] * x[0] - 2) * (x[0] * x[0] - 2) },
      gradient: { x, g in
        g[0] = 4 * x[0] * (x[0] * x[0] - 2)
        return (x[0] * x[0] - 2) * (x[0] * x[0] - 2)
      })
  }

  /// Matyas: f = 0.26(x² + y²) − 0.48xy; minimum 0 at the origin; H eigenvalues 0.04 and 1.
  public static func matyas<T: SolverScalar>(as _: T.Type = T.self) -> Objective<T> {
    func f(_ x: [T]) -> T { T(0.26) * (x[0] * x[0] + x[1] * x[1]) - T(0.48) * x[0] * x[1] }
    return Objective(
      dimension: 2, value: f,
      gradient: { x, g in
        g[0] = T(0.52) * x[0] - T(0.48) * x[1]
        g[1] = T(0.52) * x[1] - T(0.48) * x[0]
        return f(x)
      },
      hessian: { _, h in h = [T(0.52), T(-0.48), T(-0.48), T(0.52)] })
  }

  /// f = 2x₀² + x₁² + 2x₀ + x₁; ∇f = (4x₀ + 2, 2x₁ + 1); minimum −3/4 at (−1/2, −1/2).
  public static func quadratic<T: SolverScalar>(as _: T.Type = T.self) -> Objective<T> {
    func f(_ x: [T]) -> T { 2 * x[0] * x[0] + x[1] * x[1] + 2 * x[0] + x[1] }
    return Objective(
      dimension: 2, value: f,
      gradient: { x, g in
        g[0] = 4 * x[0] + 2
        g[1] = 2 * x[1] + 1
        return f(x)
      },
      hessian: { _, h in h = [4, 0, 0, 2] })
  }

  /// Chained Rosenbrock: f = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²; minimum 0 at (1, …, 1).
  public static func rosenbrock<T: SolverScalar>(_ n: Int = 2, as _: T.Type = T.self) -> Objective<
    T
  > {
    func f(_ x: [T]) -> T {
      var s: T = 0
      for i in 0..<(n - 1) {
        let a = x[i + 1] - x[i] * x[i]
        let b = 1 - x[i]
        s += 100 * a * a + b * b
      }
      return s
    }
    return Objective(
      dimension: n, value: f,
      gradient: { x, g in
        for i in 0..<n { g[i] = 0 }
        for i in 0..<(n - 1) {
          let a = x[i + 1] - x[i] * x[i]
          g[i] += -400 * x[i] * a - 2 * (1 - x[i])
          g[i + 1] += 200 * a
        }
        return f(x)
      },
      hessian: { x, h in
        for k in h.indices { h[k] = 0 }
        for i in 0..<(n - 1) {
          h[i * n + i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
          h[i * n + i + 1] += -400 * x[i]
          h[(i + 1) * n + i] += -400 * x[i]
          h[(i + 1) * n + i + 1] += 200
        }
      })
  }

  /// Goldstein–Price, f = A·B with
  /// A = 1 + (x + y + 1)²(19 − 14x + 3x² − 14y + 6xy + 3y²),
  /// B = 30 + (2x − 3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²);
  /// minimum 3 at (0, −1). Partial derivatives of A and B expanded with sympy.
  public static func goldsteinPrice() -> Objective<Double> {
    Objective(
      dimension: 2,
      value: { v in
        let p = GoldsteinParts(v[0], v[1])
        return p.a * p.b
      },
      gradient: { v, g in
        let p = GoldsteinParts(v[0], v[1])
        g[0] = p.ad * p.b + p.a * p.bx
        g[1] = p.ad * p.b + p.a * p.by
        return p.a * p.b
      },
      hessian: { v, h in
        let p = GoldsteinParts(v[0], v[1])
        h[0] = p.add * p.b + 2 * p.ad * p.bx + p.a * p.bxx
        h[1] = p.add * p.b + p.ad * p.by + p.ad * p.bx + p.a * p.bxy
        h[2] = h[1]
        h[3] = p.add * p.b + 2 * p.ad * p.by + p.a * p.byy
      })
  }

  /// f(x) = (1/N)·Σᵢ ‖x − cᵢ‖² over N samples cᵢ, with minibatch gradients
  /// (2/|B|)·Σ_{i∈B}(x − cᵢ); the minimizer is the mean of the samples.
  public static func meanSquaredDistance<T: SolverScalar>(samples: [[T]]) -> Objective<T> {
    let n = samples[0].count
    let count = T(samples.count)
    func value(_ x: [T]) -> T {
      var s: T = 0
      for c in samples { for j in 0..<n { s += (x[j] - c[j]) * (x[j] - c[j]) } }
      return s / count
    }
    return Objective(
      dimension: n, value: value,
      gradient: { x, g in
        for j in 0..<n { g[j] = 0 }
        for c in samples { for j in 0..<n { g[j] += 2 * (x[j] - c[j]) / count } }
        return value(x)
      },
      sampleCount: samples.count,
      batchGradient: { x, rows, g in
        let m = T(rows.count)
        var s: T = 0
        for j in 0..<n { g[j] = 0 }
        for r in rows {
          for j in 0..<n {
            g[j] += 2 * (x[j] - samples[r][j]) / m
            s += (x[j] - samples[r][j]) * (x[j] - samples[r][j]) / m
          }
        }
        return s
      })
  }

  /// f = ½·a·x² in one dimension: ∇f = a·x.
  public static func halfScaledSquare<T: SolverScalar>(_ a: T) -> Objective<T> {
    Objective(
      dimension: 1, value: { x in a * x[0] * x[0] / 2 },
      gradient: { x, g in
        g[0] = a * x[0]
        return a * x[0] * x[0] / 2
      }, hessian: { _, h in h[0] = a })
  }

  /// f = −x₀, unbounded below.
  public static func unbounded<T: SolverScalar>(as _: T.Type = T.self) -> Objective<T> {
    Objective(
      dimension: 1, value: { x in -x[0] },
      gradient: { x, g in
        g[0] = -1
        return -x[0]
      }, hessian: { _, h in h[0] = 0 })
  }

  /// Central finite differences of the gradient, for checks.
  public static func centralDifferenceGradient(
    _ objective: Objective<Double>, at x: [Double], h: Double
  )
    -> [Double]
  {
    (0..<x.count).map { i in
      var plus = x
      var minus = x
      plus[i] += h
      minus[i] -= h
      return ((try? objective.value(plus)) ?? .nan) / (2 * h)
        - ((try? objective.value(minus)) ?? .nan) / (2 * h)
    }
  }
}

/// A named test problem with a start and its known minimizer.
public struct TestProblem: Sendable, CustomTestStringConvertible {
  public let name: String
  public let start: [Double]
  public let minimizer: [Double]
  public var testDescription: String { name }

  public func objective<T: SolverScalar>(_: T.Type = T.self) -> Objective<T> {
    switch name {
    case "sphere": return TestObjectives.sphere(2)
    case "matyas": return TestObjectives.matyas()
    case "quadratic": return TestObjectives.quadratic()
    case "rosenbrock": return TestObjectives.rosenbrock(2)
    default: return TestObjectives.rosenbrock(3)
    }
  }

  public static let sphere = TestProblem(name: "sphere", start: [1.5, -2], minimizer: [0, 0])
  public static let matyas = TestProblem(name: "matyas", start: [3, -2], minimizer: [0, 0])
  public static let quadratic = TestProblem(
    name: "quadratic", start: [1, 1], minimizer: [-0.5, -0.5])
  public static let rosenbrock = TestProblem(
    name: "rosenbrock", start: [-1.2, 1], minimizer: [1, 1])
}

/// The factors of Goldstein–Price and their partial derivatives (expanded with sympy). A depends
/// on x + y only, so ∂A/∂x = ∂A/∂y (`ad`) and its second derivatives all equal `add`.
public struct GoldsteinParts {
  public var a = 0.0, b = 0.0, ad = 0.0, add = 0.0
  public var bx = 0.0, by = 0.0, bxx = 0.0, bxy = 0.0, byy = 0.0

  public init(_ x: Double, _ y: Double) {
    let s = x + y + 1
    var qa: Double = 19 - 14 * x + 3 * x * x
    qa += -14 * y + 6 * x * y + 3 * y * y
    a = 1 + s * s * qa
    let d = 2 * x - 3 * y
    var qb: Double = 18 - 32 * x + 12 * x * x
    qb += 48 * y - 36 * x * y + 27 * y * y
    b = 30 + d * d * qb
    let x2 = x * x
    let y2 = y * y
    let xy = x * y
    ad = 12 * x2 * x + 36 * x2 * y - 24 * x2
    ad += 36 * x * y2 - 48 * xy - 12 * x
    ad += 12 * y2 * y - 24 * y2 - 12 * y + 24
    add = 36 * x2 + 72 * xy - 48 * x
    add += 36 * y2 - 48 * y - 12
    bx = 192 * x2 * x - 864 * x2 * y - 384 * x2
    bx += 1296 * x * y2 + 1152 * xy + 144 * x
    bx += -648 * y2 * y - 864 * y2 - 216 * y
    by = -288 * x2 * x + 1296 * x2 * y + 576 * x2
    by += -1944 * x * y2 - 1728 * xy - 216 * x
    by += 972 * y2 * y + 1296 * y2 + 324 * y
    bxx = 576 * x2 - 1728 * xy - 768 * x
    bxx += 1296 * y2 + 1152 * y + 144
    bxy = -864 * x2 + 2592 * xy + 1152 * x
    bxy += -1944 * y2 - 1728 * y - 216
    byy = 1296 * x2 - 3888 * xy - 1728 * x
    byy += 2916 * y2 + 2592 * y + 324
  }
}
