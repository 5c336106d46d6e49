import Autodiff
import Foundation
import Testing

/// The README's autodiff example, kept compiling and true. Expected values by hand:
/// f = x²y + sin y, ∂f/∂x = 2xy, ∂f/∂y = x² + cos y; the Hessian of x²y is [[2y, 2x], [2x, 0]];
/// Rosenbrock's gradient at (−1.2, 1) is (−215.6, −88), f = 24.2.
@Suite("README example")
struct ReadmeExampleTests {
  @Test func example() throws {
    let x = Variable<Double>(2.0, requiresGrad: true)
    let y = Variable<Double>(3.0, requiresGrad: true)
    let f = x * x * y + sin(y)
    try f.backward()
    #expect(x.grad?.scalar == 12)
    #expect(y.grad?.scalar == 4 + Foundation.cos(3.0))

    let h = hessian(of: { v in v[0] * v[0] * v[1] }, at: [2.0, 3.0])
    #expect(h == [[6, 4], [4, 0]])
    let g = try grad(of: f, wrt: [x, y], createGraph: true)
    #expect(g[0].scalar == 12)

    let rosenbrock = try CompiledFunction<Double>(dimension: 2) { v in
      100 * pow(v[1] - v[0] * v[0], 2) + pow(1 - v[0], 2)
    }
    var gradient = [0.0, 0.0]
    let value = rosenbrock.gradient([-1.2, 1], into: &gradient)
    #expect(abs(value - 24.2) < 1e-12)
    #expect(abs(gradient[0] + 215.6) < 1e-11 && abs(gradient[1] + 88) < 1e-12)
  }
}
