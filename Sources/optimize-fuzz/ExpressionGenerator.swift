import Problems

/// Random expressions from the grammar of the problem-file contract, over the names of
/// `ProblemTemplate` plus a few that are not in scope. Most are well formed; shapes are not
/// planned, so many fail the loader's shape check, which is an outcome the fuzzer wants too.
struct ExpressionGenerator {
  static let unaryFunctions = expressionFunctionNames(arity: 1)
  static let binaryFunctions = expressionFunctionNames(arity: 2)
  static let strayNames = ["z", "objective", "sum", "_", "x1", "inf", "nan", "NaN"]

  var random: SplitMix64

  mutating func expression(depth: Int) -> String {
    guard depth > 0, random.chance(0.8) else { return atom() }
    switch random.below(11) {
    case 0, 1:
      let op = random.pick(["+", "-", "*", "/", "^", "**"])
      let space = random.chance(0.5) ? " " : ""
      return expression(depth: depth - 1) + space + op + space + expression(depth: depth - 1)
    case 2: return "-" + expression(depth: depth - 1)
    case 3: return "(" + expression(depth: depth - 1) + ")"
    case 4:
      return random.pick(Self.unaryFunctions) + "(" + expression(depth: depth - 1) + ")"
    case 5:
      return random.pick(Self.binaryFunctions) + "(" + expression(depth: depth - 1) + ", "
        + expression(depth: depth - 1) + ")"
    case 6: return vectorName() + "[" + index(depth: depth - 1) + "]"
    case 7:
      let lower = random.chance(0.7) ? index(depth: depth - 1) : ""
      let upper = random.chance(0.7) ? index(depth: depth - 1) : ""
      return vectorName() + "[" + lower + ":" + upper + "]"
    case 8:
      let count = random.below(4)
      let parts = (0..<count).map { _ in expression(depth: depth - 1) }
      return "[" + parts.joined(separator: ", ") + "]"
    case 9:
      // A call with the wrong number of arguments, or an unknown function.
      let name = random.pick(Self.unaryFunctions + Self.binaryFunctions + ["foo", "exq"])
      let count = random.below(4)
      let parts = (0..<count).map { _ in expression(depth: depth - 1) }
      return name + "(" + parts.joined(separator: ", ") + ")"
    default:
      return "sum(" + expression(depth: depth - 1) + ")"
    }
  }

  mutating func atom() -> String {
    switch random.below(10) {
    case 0, 1, 2: return number()
    case 3: return random.pick(Self.strayNames)
    default: return random.pick(ProblemTemplate.names)
    }
  }

  mutating func vectorName() -> String {
    random.pick(["v", "w", "t", "x", "c", "range(0, n)", "[x, y]", "[]"])
  }

  mutating func index(depth: Int) -> String {
    switch random.below(6) {
    case 0: return expression(depth: depth)
    case 1: return random.pick(Self.hugeIntegers)
    default: return String(random.below(9) - 4)
    }
  }

  mutating func number() -> String {
    switch random.below(8) {
    case 0: return random.pick(Self.extremeNumbers)
    case 1: return random.pick(Self.hugeIntegers)
    case 2: return String(random.below(1000)) + "." + String(random.below(1000))
    case 3: return String(random.below(10)) + "e" + String(random.below(700) - 350)
    default: return String(random.below(10))
    }
  }

  /// Spellings at the edges of what a number may be, and a few that are not numbers at all.
  static let extremeNumbers = [
    "1e308", "1.7976931348623157e308", "1e309", "4.9e-324", "1e-400", "0.0", "-0", "-0.0",
    "nan", "inf", "-inf", ".5", "5.", "1e", "1e+", "0x10", "1_000", "00000000000000000001",
    "2.5e-1", "1E+2",
  ]

  /// Sizes, indices and counts far beyond anything the machine can hold.
  static let hugeIntegers = [
    "99999999999", "1e12", "1e15", "999999999999999", "1e18", "9223372036854775807",
    "9223372036854775808", "-9223372036854775808", "1e300", "4294967296", "2147483648",
  ]
}
