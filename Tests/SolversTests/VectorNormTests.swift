import OptimizationCore
import Testing

/// Norms that neither overflow nor underflow where the true value is representable.
@Suite struct VectorNormTests {
  @Test func largeEntriesDoNotOverflow() {
    // ‖(3, 4)·1e169‖₂ = 5e169 exactly in the scaled sum; the plain sum of squares is inf.
    let norm = VectorNorms.euclidean([3e169, 4e169])
    #expect(norm.isFinite)
    #expect(abs(norm - 5e169) <= 5e169 * 1e-15)
  }

  @Test func tinyEntriesDoNotUnderflow() {
    // The squares (9e-340, 1.6e-339) underflow to 0; the norm is 5e-170.
    let norm = VectorNorms.euclidean([3e-170, 4e-170])
    #expect(abs(norm - 5e-170) <= 5e-170 * 1e-15)
  }

  @Test func nanAndInfinityPropagate() {
    #expect(VectorNorms.euclidean([1, .nan]).isNaN)
    #expect(VectorNorms.euclidean([1, .infinity]) == .infinity)
    #expect(VectorNorms.euclidean([Double]()) == 0)
    #expect(VectorNorms.maximum([-7, 2]) == 7)
    #expect(VectorNorms.maximum([1, .nan]).isNaN)
  }
}
