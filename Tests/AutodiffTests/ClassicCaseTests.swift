import Autodiff
import Testing

/// Textbook cases with exact expected values.
@Suite struct ClassicCaseTests {
  @Test func quadraticInTwoVariables() throws {
    // f = 2x₀² + x₁² + 2x₀ + x₁ at (1, 2): f = 2 + 4 + 2 + 2 = 10, ∇f = (4x₀ + 2, 2x₁ + 1) = (6, 5).
    let x = input([1, 2])
    let f = 2 * x[0] * x[0] + x[1] * x[1] + 2 * x[0] + x[1]
    #expect(f.scalar == 10)
    try f.backward()
    #expect(gradientElements(x) == [6, 5])
  }

  @Test func pytorchTutorialVectorSeed() throws {
    // Q = 3a³ − b², seed (1, 1): dQ/da = 9a² = (36, 81), dQ/db = −2b = (−12, −8).
    let a = input([2, 3])
    let b = input([6, 4])
    let q = 3 * pow(a, 3) - b * b
    try q.backward(gradient: Tensor([1, 1]))
    #expect(gradientElements(a) == [36, 81])
    #expect(gradientElements(b) == [-12, -8])
  }

  @Test func retainedIntermediate() throws {
    // y = x², z = y² at x = 1: dz/dy = 2y = 2, dz/dx = 4x³ = 4.
    let x = input(1)
    let y = x * x
    y.retainGrad()
    let z = y * y
    try z.backward()
    #expect(y.grad?.scalar == 2)
    #expect(x.grad?.scalar == 4)
  }

  @Test func secondAndThirdDerivativesOfCube() throws {
    // x³: 3x², 6x, 6. At 1: 3, 6, 6.
    let cube: (Variable<Double>) -> Variable<Double> = { $0 * $0 * $0 }
    #expect(derivative(of: cube, at: 1.0, order: 1) == 3)
    #expect(derivative(of: cube, at: 1.0, order: 2) == 6)
    #expect(derivative(of: cube, at: 1.0, order: 3) == 6)
    #expect(derivative(of: cube, at: 1.0, order: 4) == 0)
  }

  @Test func thirdDerivativeByThreeCallsToGrad() throws {
    let x = input(1)
    let y = pow(x, 3)
    let d1 = try grad(of: y, wrt: [x], createGraph: true)[0]
    let d2 = try grad(of: d1, wrt: [x], createGraph: true)[0]
    let d3 = try grad(of: d2, wrt: [x])[0]
    #expect(d1.scalar == 3)
    #expect(d2.scalar == 6)
    #expect(d3.scalar == 6)
  }

  // Gradients and Hessians at (1, 1), derived with sympy (independent of this code):
  //   sphere x² + y²:             f = 2,    ∇f = (2, 2),  H = [[2, 0], [0, 2]]
  //   Matyas 0.26(x²+y²) − 0.48xy: f = 1/25, ∇f = (1/25, 1/25), H = [[13/25, −12/25], [−12/25, 13/25]]
  //   Goldstein–Price:             f = 1876, ∇f = (−5376, 8064), H = [[21228, −25812], [−25812, 44748]]
  //   Goldstein–Price at its minimum (0, −1): f = 3, ∇f = 0, H = [[504, −216], [−216, 864]]
  static func sphere(_ v: Variable<Double>) -> Variable<Double> { v[0] * v[0] + v[1] * v[1] }

  static func matyas(_ v: Variable<Double>) -> Variable<Double> {
    let x = v[0]
    let y = v[1]
    return 0.26 * (x * x + y * y) - 0.48 * x * y
  }

  static func goldsteinPrice(_ v: Variable<Double>) -> Variable<Double> {
    let x = v[0]
    let y = v[1]
    let a =
      1 + pow(x + y + 1, 2) * (19 - 14 * x + 3 * pow(x, 2) - 14 * y + 6 * x * y + 3 * pow(y, 2))
    let b =
      30 + pow(2 * x - 3 * y, 2)
      * (18 - 32 * x + 12 * pow(x, 2) + 48 * y - 36 * x * y + 27 * pow(y, 2))
    return a * b
  }

  @Test func sphere() {
    let (f, g) = valueAndGradient(of: Self.sphere, at: [1, 1])
    #expect(f == 2)
    #expect(g == [2, 2])
    #expect(hessian(of: Self.sphere, at: [1, 1]) == [[2, 0], [0, 2]])
  }

  @Test func matyas() {
    let (f, g) = valueAndGradient(of: Self.matyas, at: [1, 1])
    #expect(isClose(f, 1.0 / 25))
    #expect(isClose(g, [1.0 / 25, 1.0 / 25]))
    #expect(isClose(hessian(of: Self.matyas, at: [1, 1]), [[0.52, -0.48], [-0.48, 0.52]]))
  }

  @Test func goldsteinPrice() {
    let (f, g) = valueAndGradient(of: Self.goldsteinPrice, at: [1, 1])
    #expect(f == 1876)
    #expect(g == [-5376, 8064])
    #expect(hessian(of: Self.goldsteinPrice, at: [1, 1]) == [[21228, -25812], [-25812, 44748]])
    let (fMin, gMin) = valueAndGradient(of: Self.goldsteinPrice, at: [0, -1])
    #expect(fMin == 3)
    #expect(gMin == [0, 0])
    #expect(hessian(of: Self.goldsteinPrice, at: [0, -1]) == [[504, -216], [-216, 864]])
  }
}
