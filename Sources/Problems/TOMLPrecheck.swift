/// A scan for the two shapes of malformed TOML that make TOMLKit's parser abort the process
/// instead of reporting an error.
///
/// TOMLKit 0.6.0 bundles toml++ 3.4.0 built with its assertions live, and two of those
/// assertions are reachable from bad input (found by the fuzzer): a table header whose key starts
/// with a character that cannot start a key (`[=`, `[` at the end of a line, `[[[`), and `}`
/// where an array element should be (`x = [}`, `x = [1, }`). Both are invalid TOML, so reporting
/// them first loses nothing.
///
/// The scan follows TOML's lexical structure only as far as it needs: comments, the four kinds
/// of string, table headers, keys and the nesting of arrays and inline tables. In valid TOML its
/// bracket stack is exact (a `[` in a value always opens an array), so it never flags valid text.
/// Where the text is already wrong in a way toml++ reports by itself (an unterminated string, a
/// key without `=`, a stray bracket), the scan stops and leaves the text to toml++.
struct TOMLPrecheck {
  struct Finding: Equatable {
    /// 1-based, in Unicode scalars, as toml++ counts.
    let line: Int
    let column: Int
    let message: String
    /// Where the top-level expression holding the fault starts: text before it is complete
    /// TOML, which toml++ can parse for an earlier error.
    let expressionStart: String.UnicodeScalarView.Index
  }

  private let scalars: String.UnicodeScalarView
  private var i: String.UnicodeScalarView.Index
  private var line = 1
  private var column = 1
  private var expressionStart: String.UnicodeScalarView.Index

  private init(_ text: String) {
    scalars = text.unicodeScalars
    i = scalars.startIndex
    expressionStart = i
  }

  /// The first place in `text` that would trip one of toml++'s assertions, if any.
  static func firstFault(in text: String) -> Finding? {
    var scan = TOMLPrecheck(text)
    return scan.run()
  }

  // MARK: - Cursor

  private var atEnd: Bool { i == scalars.endIndex }
  private var current: Unicode.Scalar { scalars[i] }

  private func peek(_ offset: Int) -> Unicode.Scalar? {
    var j = i
    for _ in 0..<offset {
      guard j != scalars.endIndex else { return nil }
      j = scalars.index(after: j)
    }
    return j == scalars.endIndex ? nil : scalars[j]
  }

  private mutating func advance() {
    if current == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    i = scalars.index(after: i)
  }

  private mutating func skipBlanks() {
    while !atEnd && (current == " " || current == "\t") { advance() }
  }

  private mutating func skipComment() {
    while !atEnd && current != "\n" { advance() }
  }

  private func finding(_ message: String) -> Finding {
    Finding(line: line, column: column, message: message, expressionStart: expressionStart)
  }

  // MARK: - Structure

  /// Nil both when the text is clean and when the scan stopped at an error toml++ reports.
  private mutating func run() -> Finding? {
    while true {
      while !atEnd && (current == " " || current == "\t" || current == "\r" || current == "\n") {
        advance()
      }
      if atEnd { return nil }
      expressionStart = i
      switch current {
      case "\u{FEFF}" where line == 1 && column == 1:
        advance()
      case "#":
        skipComment()
      case "[":
        switch tableHeader() {
        case .next: continue
        case .fault(let fault): return fault
        case .stop: return nil
        }
      default:
        guard keyThenEquals() else { return nil }
        switch value() {
        case .next: continue
        case .fault(let fault): return fault
        case .stop: return nil
        }
      }
    }
  }

  /// How a step of the scan ended.
  private enum Step {
    /// Clean so far: go on with the next expression.
    case next
    /// Text toml++ would assert on.
    case fault(Finding)
    /// Text wrong in a way toml++ reports itself: leave the rest to it.
    case stop
  }

  /// At `[` starting a line: a fault for a header toml++ would assert on; otherwise skips the
  /// rest of the line.
  private mutating func tableHeader() -> Step {
    advance()
    let hadBlanks = !atEnd && (current == " " || current == "\t")
    skipBlanks()
    if !atEnd && current == "[" {
      if hadBlanks { return .stop }
      advance()
      skipBlanks()
    }
    if atEnd { return .stop }
    let c = current
    if !(isBareKeyCharacter(c) || c == "\"" || c == "'" || c == "]") {
      let seen = c == "\n" || c == "\r" ? "the end of the line" : "'\(c.escaped(asASCII: false))'"
      return .fault(finding("a table header needs a key after '[', found \(seen)"))
    }
    // The rest of the header line: a key, `]` or `]]`, perhaps a comment.
    while !atEnd && current != "\n" {
      if current == "#" {
        skipComment()
      } else if current == "\"" || current == "'" {
        guard string() else { return .stop }
      } else {
        advance()
      }
    }
    return .next
  }

  /// A key (bare, quoted or dotted) and its `=`; false when there is no `=` on the line.
  private mutating func keyThenEquals() -> Bool {
    while !atEnd && current != "\n" && current != "=" {
      if current == "\"" || current == "'" {
        guard string() else { return false }
      } else {
        advance()
      }
    }
    guard !atEnd && current == "=" else { return false }
    advance()
    return true
  }

  private enum Nesting { case array, inlineTable }

  /// A value, through the end of its line (arrays may span lines): a fault for `}` where an
  /// array element should be.
  private mutating func value() -> Step {
    var nesting: [Nesting] = []
    var expectingElement = false
    // After a whole top-level value only blanks and a comment may follow on its line.
    var complete = false
    while !atEnd {
      let c = current
      if complete && nesting.isEmpty
        && !(c == " " || c == "\t" || c == "\r" || c == "\n" || c == "#")
      {
        return .stop
      }
      switch c {
      case "\n":
        if nesting.isEmpty { return .next }
        advance()
      case " ", "\t", "\r":
        advance()
      case "#":
        skipComment()
      case "\"", "'":
        guard string() else { return .stop }
        expectingElement = false
        complete = nesting.isEmpty
      case "[":
        nesting.append(.array)
        advance()
        expectingElement = true
      case "{":
        nesting.append(.inlineTable)
        advance()
        expectingElement = false
      case "]":
        guard nesting.last == .array else { return .stop }
        nesting.removeLast()
        advance()
        expectingElement = false
        complete = nesting.isEmpty
      case "}":
        if nesting.last == .array {
          return expectingElement
            ? .fault(finding("expected an array element or ']', found '}'")) : .stop
        }
        guard nesting.last == .inlineTable else { return .stop }
        nesting.removeLast()
        advance()
        expectingElement = false
        complete = nesting.isEmpty
      case ",":
        advance()
        expectingElement = nesting.last == .array
      default:
        advance()
        expectingElement = false
      }
    }
    return .next
  }

  /// Skips a basic or literal string, single- or multi-line, starting at its opening quote;
  /// false when it is not terminated.
  private mutating func string() -> Bool {
    let quote = current
    if peek(1) == quote && peek(2) == quote {
      for _ in 0..<3 { advance() }
      while !atEnd {
        if quote == "\"" && current == "\\" {
          advance()
          if !atEnd { advance() }
        } else if current == quote && peek(1) == quote && peek(2) == quote {
          for _ in 0..<3 { advance() }
          // Up to two more quotes belong to the content: `"""a""""` is `a"`.
          for _ in 0..<2 where !atEnd && current == quote { advance() }
          return true
        } else {
          advance()
        }
      }
      return false
    }
    advance()
    while !atEnd && current != "\n" {
      if quote == "\"" && current == "\\" {
        advance()
        if !atEnd && current != "\n" { advance() }
      } else if current == quote {
        advance()
        return true
      } else {
        advance()
      }
    }
    return false
  }

  private func isBareKeyCharacter(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
      || c == "-"
  }
}
