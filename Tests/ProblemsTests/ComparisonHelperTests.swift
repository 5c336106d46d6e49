import Testing
import _TestSupport

/// The helpers that carry the derivative checks must not pass a NaN or a short result.
@Suite struct ComparisonHelperTests {
  @Test func maxDifferenceSeesNaNAnywhereAndLengthMismatches() {
    #expect(maxDifference([1, 2], [1, 2]) == 0)
    #expect(maxDifference([1, 2], [1, 2.5]) == 0.5)
    #expect(maxDifference([0, .nan], [0, 1]).isNaN)
    #expect(maxDifference([.nan, 0], [1, 0]).isNaN)
    #expect(!(maxDifference([3, .nan], [3, 3]) <= 1e-6))
    #expect(maxDifference([1, 2], [1]) == .infinity)
    #expect(maxDifference([], [1]) == .infinity)
    #expect(maxDifference([.infinity], [0]) == .infinity)
  }

  @Test func maxMagnitudeSeesNaN() {
    #expect(maxMagnitude([-3, 2]) == 3)
    #expect(maxMagnitude([1, .nan]).isNaN)
    #expect(maxMagnitude([]) == 0)
  }
}
