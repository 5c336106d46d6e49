import Autodiff
import Foundation
import Testing

/// `backward()`: seeds, leaves, accumulation, retained intermediates, shared subexpressions.
@Suite struct BackwardPassTests {
  @Test func leafWithoutRequiresGradGetsNoGradient() throws {
    let x = input(3)
    let c = Variable(4.0)
    try (x * c).backward()
    #expect(x.grad?.scalar == 4)
    #expect(c.grad == nil)
  }

  @Test func withoutGradRecordsNothing() throws {
    let x = input(3)
    let y = withoutGrad { x * x }
    #expect(y.scalar == 9)
    #expect(!y.requiresGrad)
    #expect(y.isLeaf)
    #expect(y.inputs.isEmpty)
    #expect(throws: GradientError.self) { try y.backward() }
  }

  @Test func nonScalarWithoutSeedThrowsAskingForASeed() throws {
    let v = input([1, 2])
    let error = #expect(throws: GradientError.self) { try (v * v).backward() }
    #expect(error?.description.contains("seed") == true)
    #expect(error?.description.contains("gradient") == true)
  }

  @Test func seedOfTheWrongShapeThrows() throws {
    let v = input([1, 2])
    let error = #expect(throws: GradientError.self) {
      try (v * v).backward(gradient: Tensor([1, 1, 1]))
    }
    #expect(error?.description.contains("length 3") == true)
  }

  @Test func seededBackwardComputesVectorJacobianProduct() throws {
    // y = (a₀a₁, a₀ + a₁) at a = (2, 5): J = [[5, 2], [1, 1]]; vᵀJ for v = (3, −1) = (14, 5).
    let a = input([2, 5])
    let y = concat([a[0] * a[1], a[0] + a[1]])
    try y.backward(gradient: Tensor([3, -1]))
    #expect(gradientElements(a) == [14, 5])
  }

  @Test func gradientsAccumulateAndClearResets() throws {
    let x = input(3)
    try (x * x).backward()
    #expect(x.grad?.scalar == 6)
    try (x * x).backward()
    #expect(x.grad?.scalar == 12)
    x.clearGrad()
    #expect(x.grad == nil)
    try (x * x * x).backward()
    #expect(x.grad?.scalar == 27)
  }

  @Test func intermediatesKeepNoGradientUnlessRetained() throws {
    let x = input(1)
    let y = x * x
    let w = y * 3
    let z = w * y
    y.retainGrad()
    try z.backward()
    #expect(w.grad == nil)
    // z = 3y², dz/dy = 6y = 6; dz/dx = 6y·2x = 12.
    #expect(y.grad?.scalar == 6)
    #expect(x.grad?.scalar == 12)
  }

  @Test func sharedSubexpressionRunsOnceAfterAllConsumers() throws {
    // x feeds two branches that rejoin: a = x², b = exp(a), c = a·3, z = b·c. With
    // x = 0.5: dz/da = b + 3b·a... computed by hand: z = 3a·e^a, dz/da = 3e^a(1 + a),
    // da/dx = 2x, so dz/dx = 6x·e^a(1 + a).
    let x = input(0.5)
    let a = x * x
    let b = exp(a)
    let c = a * 3
    let z = b * c
    a.retainGrad()
    try z.backward()
    let av = 0.25
    let expected = 6 * 0.5 * Foundation.exp(av) * (1 + av)
    #expect(isClose(x.grad!.scalar, expected))
    // If a's rule ran before both branches had reported, a.grad would be only part of this.
    #expect(isClose(a.grad!.scalar, 3 * Foundation.exp(av) * (1 + av)))
  }

  @Test func sameInputTwiceInOneOperation() throws {
    #expect(try backwardDerivative({ $0 * $0 }, at: 5) == 10)
    #expect(try backwardDerivative({ $0 + $0 + $0 }, at: 5) == 3)
  }

  @Test func deepChainDoesNotOverflowTheStack() throws {
    // 100 000 additions in a row: the topological sort is iterative.
    let x = input(1)
    var y = x
    for _ in 0..<100_000 { y = y + 1 }
    try y.backward()
    #expect(x.grad?.scalar == 1)
  }
}
