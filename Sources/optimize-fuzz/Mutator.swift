/// Byte- and token-level mutations of a text: the classic fuzzing moves, plus replacements that
/// aim at the loader's resource limits (huge sizes and counts, extreme numbers).
struct Mutator {
  static let grammarTokens = [
    "(", ")", "[", "]", ",", "^", "**", "-", "+", "*", "/", ":", "#", "\n", " ", "\"", "'",
    "=", "[[", "]]", "{", "}", ".", "e", "\\", "'''", "\"\"\"",
  ]
  static let names =
    ProblemTemplate.names + ExpressionGenerator.unaryFunctions
    + ExpressionGenerator.binaryFunctions + ExpressionGenerator.strayNames + [
      "title", "variables", "objective", "residuals", "loss", "start", "[parameters]",
      "[constants]", "data", "[minimum]", "[[local_minima]]", "[plot]", "f", "log", "true",
    ]
  /// Hostile fragments that are worth inserting whole.
  static let fragments = [
    "x[99999999999]", "repeat(x, 1e12)", "repeat([1, 2], 1e15)", "range(0, 1e12)",
    "range(-1e15, 1e15)", "\"x[99999999999]\"", "\"x[1e12]\"", "n = 1e12", "n = 1e300",
    "n = -1", "n = 0", "n = 0.5", "n = nan", "n = inf", "1e308 * 1e308", "0/0", "sqrt(-1)",
    "len([])", "[]", "x[:]", "x[-1]", "x[0:0]", "\u{0}", "\u{FEFF}", "é", "∑", "\r\n",
  ]

  var random: SplitMix64

  /// Applies one to four mutations.
  mutating func mutate(_ text: String, other: String) -> String {
    var bytes = Array(text.utf8)
    for _ in 0..<(1 + random.below(4)) {
      bytes = mutateOnce(bytes, other: Array(other.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private mutating func position(in bytes: [UInt8]) -> Int { random.below(bytes.count + 1) }

  private mutating func mutateOnce(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
    var bytes = input
    switch random.below(12) {
    case 0 where !bytes.isEmpty:
      // Flip bits of one byte.
      let i = random.below(bytes.count)
      bytes[i] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))
    case 1 where !bytes.isEmpty:
      // Replace a byte by anything, control characters and high bytes included.
      bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
    case 2:
      bytes.insert(contentsOf: Array(random.pick(Self.grammarTokens).utf8), at: position(in: bytes))
    case 3:
      bytes.insert(contentsOf: Array(random.pick(Self.names).utf8), at: position(in: bytes))
    case 4:
      bytes.insert(contentsOf: Array(random.pick(Self.fragments).utf8), at: position(in: bytes))
    case 5 where !bytes.isEmpty:
      // Delete a range, usually short.
      let start = random.below(bytes.count)
      let length = random.chance(0.8) ? 1 + random.below(8) : random.below(bytes.count - start + 1)
      bytes.removeSubrange(start..<Swift.min(bytes.count, start + length))
    case 6 where !bytes.isEmpty:
      // Duplicate a range in place.
      let start = random.below(bytes.count)
      let end = Swift.min(bytes.count, start + 1 + random.below(64))
      bytes.insert(contentsOf: bytes[start..<end], at: end)
    case 7 where !other.isEmpty:
      // Splice: a prefix of this text and a suffix of another.
      let cut = position(in: bytes)
      let from = random.below(other.count)
      bytes = Array(bytes[..<cut]) + other[from...]
    case 8:
      bytes = replaceNumber(bytes, by: random.pick(ExpressionGenerator.extremeNumbers))
    case 9:
      bytes = replaceNumber(bytes, by: random.pick(ExpressionGenerator.hugeIntegers))
    case 10 where !bytes.isEmpty:
      // Swap two bytes.
      let i = random.below(bytes.count)
      let j = random.below(bytes.count)
      bytes.swapAt(i, j)
    default:
      bytes.insert(UInt8(ascii: random.pick(["(", "[", ")", "]", "-"])), at: position(in: bytes))
    }
    return bytes
  }

  /// Replaces one run of digits (with its fraction and exponent) by `replacement`.
  private mutating func replaceNumber(_ bytes: [UInt8], by replacement: String) -> [UInt8] {
    let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    let starts = bytes.indices.filter { isDigit(bytes[$0]) && ($0 == 0 || !isDigit(bytes[$0 - 1])) }
    guard !starts.isEmpty else { return bytes }
    let start = random.pick(starts)
    var end = start
    let numberByte = { (b: UInt8) in isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e")
    }
    while end < bytes.count && numberByte(bytes[end]) { end += 1 }
    var out = bytes
    out.replaceSubrange(start..<end, with: Array(replacement.utf8))
    return out
  }
}
