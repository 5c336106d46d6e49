import Autodiff
import OptimizationCore
import Testing
import _TestSupport

@testable import Solvers

/// The trust-region subproblem min gᵀp + ½pᵀBp, ‖p‖ ≤ Δ, on cases solved by hand.
@Suite struct TrustRegionSubproblemTests {
  @Test func interiorNewtonStep() {
    // B = diag(2, 4), g = (2, 4): p = −B⁻¹g = (−1, −1), ‖p‖ = √2 < Δ = 10.
    let (p, _) = TrustRegionSubproblem.exact(
      gradient: [2.0, 4], hessian: [2, 0, 0, 4], n: 2, radius: 10)
    #expect(abs(p[0] + 1) < 1e-12 && abs(p[1] + 1) < 1e-12)
  }

  @Test func boundaryStep() {
    // B = I, g = (3, 4), Δ = 1: p = −g/(1 + λ) on the boundary, so 5/(1 + λ) = 1, p = −g/5.
    let (p, bp) = TrustRegionSubproblem.exact(
      gradient: [3.0, 4], hessian: [1, 0, 0, 1], n: 2, radius: 1)
    #expect(abs(p[0] + 0.6) < 1e-8 && abs(p[1] + 0.8) < 1e-8)
    #expect(abs(bp[0] - p[0]) < 1e-12 && abs(bp[1] - p[1]) < 1e-12)
  }

  @Test func hardCase() {
    // B = diag(−1, 2), g = (0, 1), Δ = 2: λ = 1, p₂ = −1/(2 + 1) = −1/3 and p₁ = ±√(4 − 1/9).
    let (p, _) = TrustRegionSubproblem.exact(
      gradient: [0.0, 1], hessian: [-1, 0, 0, 2], n: 2, radius: 2)
    #expect(abs(p[1] + 1.0 / 3) < 1e-8)
    #expect(abs(abs(p[0]) - (4 - 1.0 / 9).squareRoot()) < 1e-8)
  }

  @Test func steihaugFollowsNegativeCurvatureToTheBoundary() throws {
    // B = diag(−1, 2), g = (1, 0): the first CG direction −g has curvature −1 < 0, so the
    // step is −g scaled to the boundary: p = (−Δ, 0).
    let b: [Double] = [-1, 0, 0, 2]
    let (p, bp) = try TrustRegionSubproblem.steihaug(
      gradient: [1.0, 0], radius: 3, maxIterations: 4
    ) { v in [b[0] * v[0] + b[1] * v[1], b[2] * v[0] + b[3] * v[1]] }
    #expect(abs(p[0] + 3) < 1e-12 && abs(p[1]) < 1e-12)
    #expect(abs(bp[0] - 3) < 1e-12)
  }

  @Test func symmetricEigenMatchesNumPy() {
    // Characteristic polynomial (λ − 1)(λ² − 8λ + 13): eigenvalues 1 and 4 ∓ √3 (as
    // numpy.linalg.eigvalsh([[4, 1, -2], [1, 2, 0], [-2, 0, 3]]) also gives).
    let expected = [1, 4 - 3.0.squareRoot(), 4 + 3.0.squareRoot()]
    let a: [Double] = [4, 1, -2, 1, 2, 0, -2, 0, 3]
    let (values, vectors) = SymmetricEigen.decompose(a, n: 3)
    #expect(maxDifference(values, expected) < 1e-12, "\(values)")
    // A·qⱼ = λⱼ·qⱼ for each column.
    for j in 0..<3 {
      for i in 0..<3 {
        let aq = (0..<3).map { a[i * 3 + $0] * vectors[$0 * 3 + j] }.reduce(0, +)
        #expect(abs(aq - values[j] * vectors[i * 3 + j]) < 1e-12)
      }
    }
  }
}
