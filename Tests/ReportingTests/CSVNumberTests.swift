import Testing

@testable import Reporting

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator so the property tests are
/// reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct CSVNumberTests {
  /// A finite value must come back with the same bits; a NaN must be spelled `NaN`.
  func roundTrips(_ x: Double) -> Bool {
    let text = CSVNumber.format(x)
    if x.isNaN { return text == "NaN" && CSVNumber.parse(text)!.isNaN }
    guard let back = CSVNumber.parse(text) else { return false }
    return back.bitPattern == x.bitPattern
  }

  @Test func randomBitPatternsRoundTrip() {
    var rng = SplitMix64(state: 20_261_123)
    var failures: [UInt64] = []
    for _ in 0..<100_000 {
      let bits = rng.next()
      if !roundTrips(Double(bitPattern: bits)) { failures.append(bits) }
    }
    #expect(failures.isEmpty, "bit patterns that failed: \(failures.prefix(5))")
  }

  @Test func randomSubnormalsRoundTrip() {
    var rng = SplitMix64(state: 7)
    let mantissaAndSign: UInt64 = 0x800F_FFFF_FFFF_FFFF
    var failures: [UInt64] = []
    for _ in 0..<20_000 {
      let bits = rng.next() & mantissaAndSign
      let x = Double(bitPattern: bits)
      #expect(x.isSubnormal || x == 0)
      if !roundTrips(x) { failures.append(bits) }
    }
    #expect(failures.isEmpty, "bit patterns that failed: \(failures.prefix(5))")
  }

  @Test(arguments: [
    0.0, -0.0, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude,
    Double.leastNormalMagnitude, Double.leastNormalMagnitude.nextDown,
    Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 1.0.nextUp, 1.0.nextDown,
    0.1, 1.0 / 3.0, 9_007_199_254_740_993.0, 1e23, 123_456_789_012_345_680.0,
  ])
  func extremesRoundTrip(_ x: Double) {
    #expect(roundTrips(x))
  }

  @Test func negativeZeroKeepsItsSign() {
    #expect(CSVNumber.format(-0.0) == "-0.0")
    #expect(CSVNumber.parse("-0.0")!.sign == .minus)
  }

  @Test func nonFiniteSpellings() {
    #expect(CSVNumber.format(Double.nan) == "NaN")
    #expect(CSVNumber.format(-Double.nan) == "NaN")
    #expect(CSVNumber.format(Double.signalingNaN) == "NaN")
    #expect(CSVNumber.format(Double.infinity) == "inf")
    #expect(CSVNumber.format(-Double.infinity) == "-inf")
    #expect(CSVNumber.parse("inf") == .infinity)
    #expect(CSVNumber.parse("-inf") == -.infinity)
    #expect(CSVNumber.parse("") == nil)
    #expect(CSVNumber.parse("abc") == nil)
  }

  // Expected spellings from numpy: repr(float(np.float32(0.1))), repr(float(np.float16(0.1))).
  @Test func narrowerTypesAreWidenedExactly() {
    #expect(CSVNumber.format(Float(0.1)) == "0.10000000149011612")
    #expect(CSVNumber.format(Float(1.0 / 3.0)) == "0.3333333432674408")
    #expect(CSVNumber.format(Float16(0.1)) == "0.0999755859375")
    #expect(CSVNumber.format(Float.infinity) == "inf")
    #expect(CSVNumber.format(Float.nan) == "NaN")
  }

  @Test func randomFloatBitPatternsRoundTrip() {
    var rng = SplitMix64(state: 99)
    for _ in 0..<20_000 {
      let x = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
      guard x.isFinite else { continue }
      let back = Float(CSVNumber.parse(CSVNumber.format(x))!)
      #expect(back.bitPattern == x.bitPattern)
    }
  }
}
