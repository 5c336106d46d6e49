import Autodiff
import Testing

/// The core is generic over precision: the same derivatives in Float and Float16.
@Suite struct PrecisionTests {
  @Test func quadraticInFloat() throws {
    // f = 2x₀² + x₁² + 2x₀ + x₁ at (1, 2): 10 and (6, 5), exact in any precision.
    let x = Variable<Float>([1, 2], requiresGrad: true)
    let f = 2 * x[0] * x[0] + x[1] * x[1] + 2 * x[0] + x[1]
    #expect(f.scalar == 10)
    try f.backward()
    #expect(x.grad?.value.elements == [6, 5])
  }

  @Test func higherOrderInFloat() {
    #expect(derivative(of: { (x: Variable<Float>) in pow(x, 3) }, at: -2, order: 1) == 12)
    #expect(derivative(of: { (x: Variable<Float>) in x * x * x }, at: 1, order: 3) == 6)
    #expect(
      hessian(of: { (x: Variable<Float>) in 0.5 * x[0] * x[0] * x[1] }, at: [2, 3])
        == [[3, 2], [2, 0]])
  }

  @Test func goldsteinPriceInFloat() {
    // Values from sympy at (1, 1) (see ClassicCaseTests); integers, exact in Float too.
    let f: (Variable<Float>) -> Variable<Float> = { v in
      let x = v[0]
      let y = v[1]
      let a = 1 + pow(x + y + 1, 2) * (19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y)
      let b =
        30 + pow(2 * x - 3 * y, 2) * (18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y)
      return a * b
    }
    let (value, g) = valueAndGradient(of: f, at: [1, 1])
    #expect(value == 1876)
    #expect(g == [-5376, 8064])
  }

  @Test func float16() throws {
    // d/dx x³ at −2 = 12, (x³)'' at 1 = 6, d/dx sin x at 0 = 1: all exact in Float16.
    let x = Variable<Float16>(-2, requiresGrad: true)
    try pow(x, 3).backward()
    #expect(x.grad?.scalar == 12)
    #expect(derivative(of: { (x: Variable<Float16>) in x * x * x }, at: 1, order: 2) == 6)
    #expect(derivative(of: { (x: Variable<Float16>) in sin(x) }, at: 0) == 1)
  }
}
