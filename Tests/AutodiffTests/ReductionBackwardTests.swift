import Autodiff
import Testing

/// `sum`, `prod` and the composites built on them, by hand.
@Suite struct ReductionBackwardTests {
  @Test func sumSpreadsTheGradient() throws {
    let v = input([1, 2, 3])
    try sum(v).backward()
    #expect(gradientElements(v) == [1, 1, 1])
  }

  @Test(arguments: [
    // ∂/∂vᵢ Π v = product of the other elements, derived by hand.
    ([2.0, 3.0, 4.0], [12.0, 8.0, 6.0]),
    ([2.0, 0.0, 4.0], [0.0, 8.0, 0.0]),
    ([0.0, 3.0, 0.0], [0.0, 0.0, 0.0]),
    ([0.0, 0.0], [0.0, 0.0]),
    ([-1.5, 2.0, 0.0, 2.0], [0.0, 0.0, -6.0, 0.0]),
    ([5.0], [1.0]),
  ])
  func productIsExactWithZeros(values: [Double], expected: [Double]) throws {
    let v = input(values)
    try prod(v).backward()
    #expect(gradientElements(v) == expected)
  }

  @Test func productOfAScalarAndOfNothing() throws {
    #expect(try backwardDerivative({ prod($0) }, at: 7) == 1)
    let empty = input([Double]())
    let p = prod(empty)
    #expect(p.scalar == 1)
    try p.backward()
    #expect(gradientElements(empty) == [])
  }

  @Test func meanDotNorm() throws {
    // mean: 1/n each. dot(a, b): ∂a = b, ∂b = a. norm: v/‖v‖ = (3, 4)/5.
    let v = input([1, 2, 3, 4])
    try mean(v).backward()
    #expect(gradientElements(v) == [0.25, 0.25, 0.25, 0.25])
    let a = input([1, 2])
    let b = input([3, -4])
    try dot(a, b).backward()
    #expect(gradientElements(a) == [3, -4])
    #expect(gradientElements(b) == [1, 2])
    let w = input([3, 4])
    try norm(w).backward()
    #expect(isClose(gradientElements(w), [0.6, 0.8]))
  }

  @Test func sumOfEmptyVectorIsZeroWithEmptyGradient() throws {
    let empty = input([Double]())
    let s = sum(empty) + 0
    #expect(s.scalar == 0)
    try sum(empty).backward()
    #expect(gradientElements(empty) == [])
  }
}
