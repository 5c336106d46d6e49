/// Inputs that would trigger a crash already found and reported (see
/// Tests/ProblemsTests/FuzzRegressionTests.swift), recognised cheaply from the text so that a long
/// run spends its time looking for new faults instead of dying on known ones. Each is counted
/// and reported; `--all` switches the filter off, to check whether the fixes have landed.
enum KnownCrash: String, CaseIterable {
  /// TOMLKit 0.6.0 (toml++ 3.4.0) aborts on an assertion in `parse_key` when a table header
  /// opens with a character that cannot start a key: `[=`, `[\n`, `[[(`.
  case tableHeader = "TOML table header without a key (toml++ assertion)"
  /// The same library aborts in `parse_value` on `}` where an array element should be:
  /// `x = [}`, `x = [5, }`.
  case braceInArray = "TOML '}' in place of an array element (toml++ assertion)"
  /// The parser and checker recurse once per nesting level and per chained operator; a few
  /// thousand levels exhaust the stack.
  case deepExpression = "deeply nested or long expression (stack overflow)"
  /// Sizes, `range` bounds and `repeat` counts have no cap: a huge one fails to allocate.
  case hugeSize = "huge size, range or repeat count (allocation failure)"

  /// Limits below the depths at which the release build crashed (about 6,000 nested brackets
  /// and 17,000 chained operators on the main thread's 8 MiB stack).
  static let maximumNesting = 2_000
  static let maximumOperators = 8_000
  /// Numbers in this range are treated as possible sizes or counts: above it the loader refuses
  /// them as whole numbers.
  static let hugeNumbers = 1e7...1e15

  /// The known crash this input would trigger, if any.
  static func match(_ text: String) -> KnownCrash? {
    let scalars = Array(text.unicodeScalars)
    if hasKeylessTableHeader(scalars) { return .tableHeader }
    if hasBraceAfterArrayOpening(scalars) { return .braceInArray }
    var depth = 0
    var deepest = 0
    var operators = 0
    for c in scalars {
      switch c {
      case "(", "[":
        depth += 1
        deepest = Swift.max(deepest, depth)
      case ")", "]": depth = Swift.max(0, depth - 1)
      case "+", "-", "*", "/", "^": operators += 1
      default: break
      }
    }
    if deepest > maximumNesting || operators > maximumOperators { return .deepExpression }
    if hasHugeNumber(scalars) { return .hugeSize }
    return nil
  }

  /// A line whose first non-blank characters are `[` or `[[` and then, after blanks, neither a
  /// key character, a quote nor `]`.
  private static func hasKeylessTableHeader(_ scalars: [Unicode.Scalar]) -> Bool {
    var i = 0
    var atLineStart = true
    while i < scalars.count {
      let c = scalars[i]
      if c == "\n" {
        atLineStart = true
      } else if atLineStart && (c == " " || c == "\t") {
        // Still at the start of the line.
      } else if atLineStart && c == "[" {
        var j = i + 1
        if j < scalars.count && scalars[j] == "[" { j += 1 }
        while j < scalars.count && (scalars[j] == " " || scalars[j] == "\t") { j += 1 }
        guard j < scalars.count else { return true }
        let d = scalars[j]
        let keyStart =
          (d >= "a" && d <= "z") || (d >= "A" && d <= "Z") || (d >= "0" && d <= "9")
          || d == "_" || d == "-" || d == "\"" || d == "'" || d == "]"
        if !keyStart { return true }
        atLineStart = false
      } else {
        atLineStart = false
      }
      i += 1
    }
    return false
  }

  /// `[` or `,` then, after blanks and line breaks, `}`.
  private static func hasBraceAfterArrayOpening(_ scalars: [Unicode.Scalar]) -> Bool {
    var afterOpening = false
    for c in scalars {
      if c == "}" && afterOpening { return true }
      if c == "[" || c == "," {
        afterOpening = true
      } else if c != " " && c != "\t" && c != "\n" && c != "\r" {
        afterOpening = false
      }
    }
    return false
  }

  /// A number in `hugeNumbers` written anywhere (digits, fraction, exponent).
  private static func hasHugeNumber(_ scalars: [Unicode.Scalar]) -> Bool {
    var i = 0
    while i < scalars.count {
      guard scalars[i].properties.numericType == .decimal, scalars[i].isASCII else {
        i += 1
        continue
      }
      var text = ""
      while i < scalars.count,
        scalars[i].isASCII,
        scalars[i].properties.numericType == .decimal || "._eE".unicodeScalars.contains(scalars[i])
          || ((scalars[i] == "+" || scalars[i] == "-") && (text.last == "e" || text.last == "E"))
      {
        text.unicodeScalars.append(scalars[i])
        i += 1
      }
      if let v = Double(text.replacingOccurrences(of: "_", with: "")), hugeNumbers.contains(v) {
        return true
      }
    }
    return false
  }
}
