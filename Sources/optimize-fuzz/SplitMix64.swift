/// A small, fast, seeded generator (Steele, Lea and Flood's SplitMix64), so that input number
/// `i` of a run with seed `s` is the same on every machine and can be regenerated alone.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  /// The generator for input `index` of a run: independent streams without sharing state, so a
  /// run can resume at any index.
  init(seed: UInt64, index: UInt64) {
    var mixer = SplitMix64(seed: seed ^ 0x6A09_E667_F3BC_C909)
    let base = mixer.next()
    self.init(seed: base &+ index &* 0x9E37_79B9_7F4A_7C15)
    _ = next()
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<bound` (bound > 0).
  mutating func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &self) }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

  /// A random element of a non-empty array.
  mutating func pick<E>(_ choices: [E]) -> E { choices[below(choices.count)] }
}
