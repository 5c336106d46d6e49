import Autodiff
import Foundation
import Testing

/// `pow` with constant and with variable exponents.
@Suite struct PowerBackwardTests {
  @Test(arguments: [
    // (x, exponent, d/dx x^p = p·x^(p−1)), hand-derived.
    (-2.0, 3.0, 12.0), (-3.0, 2.0, -6.0), (2.0, 3.0, 12.0), (4.0, 0.5, 0.25),
    (-2.0, 4.0, -32.0), (2.0, -1.0, -0.25), (0.0, 2.0, 0.0), (5.0, 1.0, 1.0),
  ])
  func constantExponent(x: Double, exponent: Double, expected: Double) throws {
    #expect(try backwardDerivative({ pow($0, exponent) }, at: x) == expected)
  }

  @Test func integerPowerOfNegativeBaseIsExact() throws {
    let x = input(-2)
    let y = pow(x, 3)
    #expect(y.scalar == -8)
    try y.backward()
    #expect(x.grad?.scalar == 12)
  }

  @Test func zeroExponentHasZeroGradientEvenAtZero() throws {
    // x^0 = 1 is constant, so its derivative is 0 everywhere (0·0^(−1) would be NaN).
    #expect(try backwardDerivative({ pow($0, 0) }, at: 0) == 0)
    #expect(try backwardDerivative({ pow($0, 0) }, at: 3) == 0)
  }

  @Test func noGradientFlowsToAConstantExponent() throws {
    let x = input(2)
    let p = Variable(3.0)
    try pow(x, p).backward()
    #expect(p.grad == nil)
    #expect(x.grad?.scalar == 12)
  }

  @Test func variableExponent() throws {
    // d/da a^b = b·a^(b−1) = 3·4 = 12, d/db a^b = a^b·log a = 8 log 2 at (2, 3).
    let a = input(2)
    let b = input(3)
    try pow(a, b).backward()
    #expect(a.grad?.scalar == 12)
    #expect(isClose(b.grad!.scalar, 8 * Foundation.log(2.0)))
  }

  @Test func constantBaseVariableExponent() throws {
    // d/db 3^b = 3^b·log 3; at b = 2, 9 log 3.
    #expect(isClose(try backwardDerivative({ pow(3, $0) }, at: 2), 9 * Foundation.log(3.0)))
  }

  @Test func exponentGradientIsZeroAtZeroBase() throws {
    // 0^b = 0 for b > 0, so ∂/∂b is 0 there (not 0·log 0 = NaN); PyTorch's convention.
    let a = input(0)
    let b = input(2)
    try pow(a, b).backward()
    #expect(b.grad?.scalar == 0)
    #expect(a.grad?.scalar == 0)
  }

  @Test func exponentGradientOfNegativeBaseIsNaN() throws {
    // a^b·log a with a < 0 is undefined for a real b: NaN, not a crash.
    let a = input(-2)
    let b = input(2)
    try pow(a, b).backward()
    #expect(b.grad!.scalar.isNaN)
    #expect(a.grad?.scalar == -4)
  }

  @Test func vectorBaseScalarExponent() throws {
    // Σ vᵢ^p at v = (1, 2), p = 2: ∂v = 2v = (2, 4), ∂p = Σ vᵢ² log vᵢ = 4 log 2.
    let v = input([1, 2])
    let p = input(2)
    try sum(pow(v, p)).backward()
    #expect(gradientElements(v) == [2, 4])
    #expect(isClose(p.grad!.scalar, 4 * Foundation.log(2.0)))
  }
}
