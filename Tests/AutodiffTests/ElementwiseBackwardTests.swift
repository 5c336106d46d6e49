import Autodiff
import Foundation
import Testing

/// Hand-derived derivatives of every element-wise primitive, including the awkward points.
@Suite struct ElementwiseBackwardTests {
  @Test func arithmeticOfTwoScalars() throws {
    // At a = 3, b = −2: ∂(a+b) = (1, 1), ∂(a−b) = (1, −1), ∂(ab) = (b, a), ∂(a/b) = (1/b, −a/b²).
    let cases:
      [(String, (Variable<Double>, Variable<Double>) -> Variable<Double>, Double, Double)] =
        [
          ("+", { $0 + $1 }, 1, 1), ("-", { $0 - $1 }, 1, -1), ("*", { $0 * $1 }, -2, 3),
          ("/", { $0 / $1 }, -0.5, -0.75),
        ]
    for (name, f, da, db) in cases {
      let a = input(3)
      let b = input(-2)
      try f(a, b).backward()
      #expect(a.grad?.scalar == da, "∂/∂a of \(name)")
      #expect(b.grad?.scalar == db, "∂/∂b of \(name)")
    }
  }

  @Test func negate() throws {
    #expect(try backwardDerivative({ -$0 }, at: 1.5) == -1)
  }

  @Test(arguments: [-1.0, 0.0, 0.5, 2.0])
  func expIsItsOwnDerivative(x: Double) throws {
    #expect(isClose(try backwardDerivative({ exp($0) }, at: x), Foundation.exp(x)))
  }

  @Test func logDerivativeIsReciprocal() throws {
    #expect(try backwardDerivative({ log($0) }, at: 2) == 0.5)
    #expect(try backwardDerivative({ log($0) }, at: 0.25) == 4)
  }

  @Test func logOfNegativeIsNaNNotACrash() throws {
    let x = input(-1)
    let y = log(x)
    #expect(y.scalar.isNaN)
    try y.backward()
    // 1/x is still defined; the value is what reports the domain error.
    #expect(x.grad?.scalar == -1)
  }

  @Test func sqrtDerivative() throws {
    // d√x = 1/(2√x): 1/4 at 4, 1/6 at 9.
    #expect(try backwardDerivative({ sqrt($0) }, at: 4) == 0.25)
    #expect(isClose(try backwardDerivative({ sqrt($0) }, at: 9), 1.0 / 6))
  }

  @Test func sqrtAtZeroIsInfinite() throws {
    #expect(try backwardDerivative({ sqrt($0) }, at: 0) == .infinity)
  }

  @Test(arguments: [(-3.0, -1.0), (2.5, 1.0), (0.0, 0.0), (-0.0, 0.0)])
  func absHasSubgradientZeroAtZero(x: Double, expected: Double) throws {
    #expect(try backwardDerivative({ abs($0) }, at: x) == expected)
  }

  @Test(arguments: [-1.3, 0.0, 0.7, 2.0])
  func trigonometricDerivatives(x: Double) throws {
    #expect(isClose(try backwardDerivative({ sin($0) }, at: x), Foundation.cos(x)))
    #expect(isClose(try backwardDerivative({ cos($0) }, at: x), -Foundation.sin(x)))
    // d tan = sec² = 1/cos².
    let c = Foundation.cos(x)
    #expect(isClose(try backwardDerivative({ tan($0) }, at: x), 1 / (c * c)))
    // d tanh = sech² = 1/cosh².
    let ch = Foundation.cosh(x)
    #expect(isClose(try backwardDerivative({ tanh($0) }, at: x), 1 / (ch * ch)))
    #expect(isClose(try backwardDerivative({ atan($0) }, at: x), 1 / (1 + x * x)))
  }

  @Test func atan2Derivatives() throws {
    // atan2(y, x) at (1, 2): ∂y = x/(x²+y²) = 2/5, ∂x = −y/(x²+y²) = −1/5.
    let y = input(1)
    let x = input(2)
    try atan2(y, x).backward()
    #expect(isClose(y.grad!.scalar, 0.4))
    #expect(isClose(x.grad!.scalar, -0.2))
    // In the second quadrant, (y, x) = (3, −4): ∂y = −4/25, ∂x = −3/25.
    let y2 = input(3)
    let x2 = input(-4)
    try atan2(y2, x2).backward()
    #expect(isClose(y2.grad!.scalar, -0.16))
    #expect(isClose(x2.grad!.scalar, -0.12))
  }

  @Test func scalarCombinedWithVectorGetsTheSumOfTheGradient() throws {
    // f = Σ s·vᵢ: ∂s = Σ vᵢ = 6, ∂vᵢ = s = 2. g = Σ (vᵢ − s): ∂s = −3.
    let s = input(2)
    let v = input([1, 2, 3])
    try sum(s * v).backward()
    #expect(s.grad?.scalar == 6)
    #expect(gradientElements(v) == [2, 2, 2])
    #expect(s.grad?.shape == .scalar)
    let t = input(2)
    try sum(v - t).backward()
    #expect(t.grad?.scalar == -3)
    // Division with a scalar denominator: ∂/∂t Σ vᵢ/t = −Σ vᵢ/t² = −6/4.
    let u = input(2)
    try sum(v / u).backward()
    #expect(u.grad?.scalar == -1.5)
  }
}
