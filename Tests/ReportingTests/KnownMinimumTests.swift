import Testing

@testable import Reporting

@Suite struct KnownMinimumTests {
  let minima: [KnownMinimum] = [
    (label: "global", x: [0, 0], f: 0),
    (label: "local", x: [3, 4], f: 1),
    (label: "f only", x: [], f: 0),
  ]

  @Test func nearestWithinToleranceIsNamed() {
    // Distance from (3, 4.1) to (3, 4) is 0.1; to the origin it is about 5.08.
    #expect(nearestKnownMinimum(x: [3, 4.1], minima: minima, tolerance: 0.11) == "local")
    #expect(nearestKnownMinimum(x: [3, 4.1], minima: minima, tolerance: 0.09) == nil)
    #expect(nearestKnownMinimum(x: [0, 1e-9], minima: minima, tolerance: 1e-6) == "global")
  }

  @Test func otherLengthsAndNonFinitePointsMatchNothing() {
    #expect(nearestKnownMinimum(x: [0, 0, 0], minima: minima, tolerance: 1) == nil)
    #expect(nearestKnownMinimum(x: [.nan, 0], minima: minima, tolerance: 1) == nil)
    #expect(distanceToNearestMinimum(x: [.nan, 0], minima: minima) == nil)
  }

  @Test func distanceIsEuclidean() {
    // (3, 0) is 3 from the origin and 4 from (3, 4).
    #expect(distanceToNearestMinimum(x: [3, 0], minima: minima) == 3)
  }
}
