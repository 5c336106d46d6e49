import Autodiff
import Testing

@Suite struct LibrarySmoothingTests {
  /// f = x₀²x₁ + x₁³: ∂²f/∂x₀² = 2x₁, ∂²f/∂x₀∂x₁ = 2x₀, ∂²f/∂x₁² = 6x₁; at (2, 3): [6, 4; 4, 18].
  @Test func theFlatHessianIsRowMajor() {
    var h = [Double]()
    hessian(of: { x in x[0] * x[0] * x[1] + x[1] * x[1] * x[1] }, at: [2, 3], into: &h)
    #expect(h == [6, 4, 4, 18])
  }

  /// An asymmetric layout would show only in a function with distinct mixed entries: here
  /// f = x₀x₁ + 2x₀x₂, whose Hessian rows are (0, 1, 2), (1, 0, 0), (2, 0, 0).
  @Test func theFlatHessianKeepsEveryEntryInPlace() {
    var h = [Double](repeating: 7, count: 2)
    hessian(of: { x in x[0] * x[1] + 2 * x[0] * x[2] }, at: [1, 1, 1], into: &h)
    #expect(h == [0, 1, 2, 1, 0, 0, 2, 0, 0])
  }
}
