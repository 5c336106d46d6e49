import Autodiff
import Testing

/// `grad(of:wrt:)`: gradients as values, `.grad` untouched.
@Suite struct FunctionalGradTests {
  @Test func returnsGradientsWithoutTouchingGrad() throws {
    // f = x²y at (3, 2): ∂x = 2xy = 12, ∂y = x² = 9.
    let x = input(3)
    let y = input(2)
    let f = x * x * y
    let g = try grad(of: f, wrt: [x, y])
    #expect(g.map(\.scalar) == [12, 9])
    #expect(x.grad == nil)
    #expect(y.grad == nil)
  }

  @Test func sameAnswerWhenCalledTwice() throws {
    let x = input([1, 2, 3])
    let f = sum(x * x * x)
    let first = try grad(of: f, wrt: [x])[0].value.elements
    let second = try grad(of: f, wrt: [x])[0].value.elements
    // 3x² = (3, 12, 27) both times.
    #expect(first == [3, 12, 27])
    #expect(second == first)
  }

  @Test func unusedInputIsAnErrorNamingIt() throws {
    let x = input(1, "x")
    let unused = input(2, "velocity")
    let f = x * x
    let error = #expect(throws: GradientError.self) { try grad(of: f, wrt: [x, unused]) }
    #expect(error?.description.contains("velocity") == true)
  }

  @Test func unusedInputGivesZerosWhenAllowed() throws {
    let x = input(1)
    let unused = input([2, 3])
    let g = try grad(of: x * x, wrt: [x, unused], allowUnused: true)
    #expect(g[0].scalar == 2)
    #expect(g[1].value == Tensor([0, 0]))
  }

  @Test func visitsOnlyTheSubgraphBetweenOutputAndInputs() throws {
    // ∂f/∂y only: the branch through x has a retained intermediate whose .grad must stay nil,
    // and x's own gradient is never formed.
    let x = input(2)
    let y = input(5)
    let u = x * x
    u.retainGrad()
    let f = u * y
    let g = try grad(of: f, wrt: [y])
    #expect(g[0].scalar == 4)
    #expect(u.grad == nil)
    #expect(x.grad == nil)
  }

  @Test func gradientWithRespectToAnIntermediate() throws {
    // f = u³ with u = 2x at x = 1: ∂f/∂u = 3u² = 12, ∂f/∂x = 24.
    let x = input(1)
    let u = 2 * x
    let f = u * u * u
    let g = try grad(of: f, wrt: [u, x])
    #expect(g.map(\.scalar) == [12, 24])
  }

  @Test func seedForANonScalarOutput() throws {
    let v = input([1, 2])
    let y = v * v
    #expect(throws: GradientError.self) { try grad(of: y, wrt: [v]) }
    // vᵀJ with J = diag(2v) = diag(2, 4) and v = (1, 10): (2, 40).
    let g = try grad(of: y, wrt: [v], seed: Tensor([1, 10]))
    #expect(g[0].value.elements == [2, 40])
  }

  @Test func createGraphMakesTheGradientDifferentiable() throws {
    let x = input(2)
    let f = x * x * x * x
    let d1 = try grad(of: f, wrt: [x], createGraph: true)[0]
    #expect(d1.requiresGrad)
    let withoutGraph = try grad(of: f, wrt: [x])[0]
    #expect(!withoutGraph.requiresGrad)
    // 4x³ = 32, 12x² = 48.
    #expect(d1.scalar == 32)
    #expect(try grad(of: d1, wrt: [x])[0].scalar == 48)
  }
}
