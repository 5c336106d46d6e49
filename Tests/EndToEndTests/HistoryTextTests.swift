import Testing

@testable import Sweeps

/// The store's history column: compact JSON whose numbers read back to the same bits.
@Suite struct HistoryTextTests {
  @Test func encodesAsCompactJSONSpelledByHand() {
    let points: [SweepRecord.HistoryPoint] = [
      .init(evaluations: 1, f: 0.1), .init(evaluations: 2, f: -0.0),
      .init(evaluations: 30, f: .nan), .init(evaluations: 4, f: 1e-300),
    ]
    #expect(HistoryText.encode(points) == "[[1,0.1],[2,-0.0],[30,null],[4,1e-300]]")
    #expect(HistoryText.encode([]) == "[]")
  }

  @Test func numbersRoundTripBitForBit() {
    let values: [Double] = [
      0.1, -0.0, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 1.0 / 3,
      123_456_789.123_456_78, -2.5e-17,
    ]
    let points = values.enumerated().map {
      SweepRecord.HistoryPoint(evaluations: 1 << (2 * $0.offset), f: $0.element)
    }
    let decoded = HistoryText.decode(HistoryText.encode(points))
    #expect(decoded.map(\.evaluations) == points.map(\.evaluations))
    #expect(decoded.map { $0.f.bitPattern } == values.map { $0.bitPattern })
  }
}
