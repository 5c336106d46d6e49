import Autodiff
import Testing

/// index/slice/concat/tile and their adjoints broadcast/scatter/pad/foldTiles. Each is weighted
/// by a constant vector w and summed, so the expected gradient is w routed back by hand.
@Suite struct StructureBackwardTests {
  func weighted(_ v: Variable<Double>, _ w: [Double]) -> Variable<Double> {
    sum(v * Variable(w))
  }

  @Test func index() throws {
    let v = input([1, 2, 3])
    try (v[1] * 10).backward()
    #expect(gradientElements(v) == [0, 10, 0])
    let u = input([1, 2, 3])
    try (u[-1] * 10).backward()
    #expect(gradientElements(u) == [0, 0, 10])
  }

  @Test func elementsReadSeveralTimesBesideTheWholeVector() throws {
    // f = v₀·v₁ + v₀² + Σv at v = (2, 3, 5): ∂f/∂v = (v₁ + 2v₀ + 1, v₀ + 1, 1) = (8, 3, 1).
    let v = input([2, 3, 5])
    let f = v[0] * v[1] + v[0] * v[0] + sum(v)
    try f.backward()
    #expect(gradientElements(v) == [8, 3, 1])
    // The same through a recorded pass, differentiated again: ∂²f/∂v₀² = 2, ∂²f/∂v₀∂v₁ = 1.
    let g = try grad(of: f, wrt: [v], createGraph: true)[0]
    #expect(g.value.elements == [8, 3, 1])
    let h = try grad(of: g[0], wrt: [v])[0]
    #expect(h.value.elements == [2, 1, 0])
  }

  @Test func slice() throws {
    let v = input([1, 2, 3, 4])
    try weighted(v.slice(1, 3), [10, 20]).backward()
    #expect(gradientElements(v) == [0, 10, 20, 0])
    let u = input([1, 2, 3])
    try weighted(u.slice(nil, -1), [5, 6]).backward()
    #expect(gradientElements(u) == [5, 6, 0])
  }

  @Test func concatOfScalarsAndVectors() throws {
    let s = input(1)
    let v = input([2, 3])
    let t = input(4)
    try weighted(concat([s, v, t]), [10, 20, 30, 40]).backward()
    #expect(s.grad?.scalar == 10)
    #expect(gradientElements(v) == [20, 30])
    #expect(t.grad?.scalar == 40)
  }

  @Test func tile() throws {
    // repeat([a, b], 2) = [a, b, a, b]; weights (1, 2, 3, 4) give ∂a = 1 + 3, ∂b = 2 + 4.
    let v = input([1, 2])
    try weighted(`repeat`(v, 2), [1, 2, 3, 4]).backward()
    #expect(gradientElements(v) == [4, 6])
    let s = input(5)
    try weighted(`repeat`(s, 3), [1, 2, 3]).backward()
    #expect(s.grad?.scalar == 6)
    #expect(s.grad?.shape == .scalar)
  }

  @Test func tileZeroTimesGivesZeroGradient() throws {
    let v = input([1, 2])
    try (sum(`repeat`(v, 0)) + sum(v)).backward()
    #expect(gradientElements(v) == [1, 1])
  }

  @Test func broadcast() throws {
    let s = input(2)
    try weighted(try Variable.applying(.broadcast(count: 3), to: [s]), [1, 2, 3]).backward()
    #expect(s.grad?.scalar == 6)
  }

  @Test func scatter() throws {
    let s = input(2)
    try weighted(try Variable.applying(.scatter(index: 1, count: 3), to: [s]), [1, 2, 3]).backward()
    #expect(s.grad?.scalar == 2)
  }

  @Test func pad() throws {
    let v = input([7, 8])
    try weighted(try Variable.applying(.pad(lower: 1, count: 4), to: [v]), [1, 2, 3, 4])
      .backward()
    #expect(gradientElements(v) == [2, 3])
  }

  @Test func foldTiles() throws {
    // foldTiles(2) of [a, b, c, d] = [a + c, b + d]; weights (5, 7) give (5, 7, 5, 7).
    let v = input([1, 2, 3, 4])
    try weighted(try Variable.applying(.foldTiles(times: 2), to: [v]), [5, 7]).backward()
    #expect(gradientElements(v) == [5, 7, 5, 7])
  }

  @Test func adjointsDifferentiateAgain() throws {
    // The backward of index is scatter, of scatter index: a second derivative through both.
    // f = (v[0]·v[1])², ∂²f/∂v₀∂v₁ = 4·v₀·v₁ = 24 at (2, 3).
    let h = hessian(of: { v in pow(v[0] * v[1], 2) }, at: [2, 3])
    // ∂²/∂v₀² = 2v₁² = 18, ∂²/∂v₁² = 2v₀² = 8.
    #expect(h == [[18, 24], [24, 8]])
  }
}
