import Autodiff
import GSLReference
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// gsl_deriv_central as an independent check of the autodiff core's reverse-mode gradient, on
/// functions written directly with the core's operations (the problem files come later).
@Suite struct CoreGradientTests {
  static func goldstein(_ v: Variable<Double>) -> Variable<Double> {
    let (x, y) = (v[0], v[1])
    let u = x + y + 1.0
    let w = 2.0 * x - 3.0 * y
    let p = 19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y
    let q = 18.0 - 32.0 * x + 12.0 * x * x + 48.0 * y - 36.0 * x * y + 27.0 * y * y
    return (1.0 + u * u * p) * (30.0 + w * w * q)
  }

  /// Chained Rosenbrock, Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², with slices as the problem file writes it.
  static func chainedRosenbrock(_ x: Variable<Double>) -> Variable<Double> {
    let head = x.slice(nil, -1)
    let tail = x.slice(1, nil)
    let a = tail - head * head
    let b = 1.0 - head
    return sum(100.0 * a * a + b * b)
  }

  @Test(arguments: CentralDifferenceTests.goldsteinPoints)
  func goldstein(point: [Double]) {
    let core = gradient(of: Self.goldstein, at: point)
    let reference = centralGradient({ TestFunctions.goldstein.value($0) }, at: point)
    let fScale = max(abs(TestFunctions.goldstein.value(point)), 1)
    for i in 0..<2 {
      #expect(abs(core[i] - reference.gradient[i]) <= 1e-7 * max(abs(core[i]), fScale))
    }
  }

  @Test func chainedRosenbrockAtStart() {
    let start = [-1.2, 1, -1.2, 1, -1.2, 1]
    let core = gradient(of: Self.chainedRosenbrock, at: start)
    let reference = centralGradient(
      { x in
        (0..<(x.count - 1)).reduce(0) { s, i in
          let a = x[i + 1] - x[i] * x[i]
          return s + 100 * a * a + (1 - x[i]) * (1 - x[i])
        }
      }, at: start)
    for i in start.indices {
      #expect(abs(core[i] - reference.gradient[i]) <= 1e-7 * max(abs(core[i]), 1))
    }
  }
}
