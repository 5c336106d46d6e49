import Autodiff
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// The hand-written gradients and Hessians of the test objectives against central differences.
@Suite struct DerivativeTests {
  static let points: [[Double]] = [[0, 0], [0.5, -0.5], [-1.2, 1], [1.3, 0.7], [0, -1]]

  func check(_ objective: Objective<Double>, at x: [Double], relative: Double) throws {
    var g = [Double]()
    _ = try objective.gradient(x, into: &g)
    let fd = TestObjectives.centralDifferenceGradient(objective, at: x, h: 1e-6)
    for i in x.indices {
      #expect(abs(g[i] - fd[i]) <= relative * max(1, abs(fd[i])), "∂f/∂x\(i) at \(x)")
    }
    guard objective.hasHessian else { return }
    var h = [Double]()
    try objective.hessian(x, into: &h)
    let n = x.count
    for j in 0..<n {
      var plus = x
      var minus = x
      plus[j] += 1e-6
      minus[j] -= 1e-6
      var gp = [Double]()
      var gm = [Double]()
      _ = try objective.gradient(plus, into: &gp)
      _ = try objective.gradient(minus, into: &gm)
      for i in 0..<n {
        let column = (gp[i] - gm[i]) / 2e-6
        #expect(abs(h[i * n + j] - column) <= relative * max(1, abs(column)), "H\(i)\(j) at \(x)")
      }
    }
  }

  @Test(arguments: points)
  func goldsteinPrice(at x: [Double]) throws {
    try check(TestObjectives.goldsteinPrice(), at: x, relative: 1e-6)
  }

  @Test(arguments: points)
  func rosenbrockMatyasQuadratic(at x: [Double]) throws {
    try check(TestObjectives.rosenbrock(2), at: x, relative: 1e-6)
    try check(TestObjectives.matyas(), at: x, relative: 1e-6)
    try check(TestObjectives.quadratic(), at: x, relative: 1e-6)
    try check(TestObjectives.rosenbrock(4), at: x + x, relative: 1e-6)
  }

  @Test func goldsteinPriceMinimumIsThree() throws {
    #expect(abs(try TestObjectives.goldsteinPrice().value([0, -1]) - 3) < 1e-12)
  }
}
