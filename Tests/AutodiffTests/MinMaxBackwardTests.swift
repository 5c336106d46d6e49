import Autodiff
import Testing

/// `min`/`max`: the gradient goes to the chosen operand; a tie splits it in halves.
@Suite struct MinMaxBackwardTests {
  @Test(arguments: [
    // (a, b, ∂min/∂a, ∂min/∂b, ∂max/∂a, ∂max/∂b)
    (1.0, 2.0, 1.0, 0.0, 0.0, 1.0), (5.0, -1.0, 0.0, 1.0, 1.0, 0.0), (2.0, 2.0, 0.5, 0.5, 0.5, 0.5),
  ])
  func gradientGoesToTheChosenOperand(
    a: Double, b: Double, minA: Double, minB: Double, maxA: Double, maxB: Double
  ) throws {
    let x = input(a)
    let y = input(b)
    try min(x, y).backward()
    #expect(x.grad?.scalar == minA)
    #expect(y.grad?.scalar == minB)
    let u = input(a)
    let w = input(b)
    try max(u, w).backward()
    #expect(u.grad?.scalar == maxA)
    #expect(w.grad?.scalar == maxB)
  }

  @Test func vectorAgainstScalar() throws {
    // Σ min(vᵢ, s) at v = (1, 5, 3), s = 2: v gets (1, 0, 0); s is chosen twice, so 2.
    let v = input([1, 5, 3])
    let s = input(2)
    try sum(min(v, s)).backward()
    #expect(gradientElements(v) == [1, 0, 0])
    #expect(s.grad?.scalar == 2)
  }

  @Test func maxOfTheSameVariableTwiceHasDerivativeOne() throws {
    // max(x, x) = x: the halves add up to 1.
    #expect(try backwardDerivative({ max($0, $0) }, at: 3) == 1)
  }

  @Test func nanPropagatesToValue() throws {
    let x = input(Double.nan)
    let y = input(1)
    let m = min(x, y)
    #expect(m.scalar.isNaN)
    try m.backward()
    #expect(y.grad?.scalar == 0)
  }
}
