/// Splits an expression into tokens. Whitespace and newlines separate tokens; `#` starts a
/// comment that runs to the end of the line.
struct Lexer {
  private let scalars: [Unicode.Scalar]
  private var position = 0

  init(_ source: String) { scalars = Array(source.unicodeScalars) }

  static func tokens(of source: String) throws(ExpressionError) -> [Token] {
    var lexer = Lexer(source)
    var tokens = [Token]()
    while true {
      let token = try lexer.next()
      tokens.append(token)
      if token.kind == .end { return tokens }
    }
  }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    position + offset < scalars.count ? scalars[position + offset] : nil
  }

  private static func isDigit(_ c: Unicode.Scalar?) -> Bool {
    guard let c else { return false }
    return c >= "0" && c <= "9"
  }

  private static func isNameStart(_ c: Unicode.Scalar?) -> Bool {
    guard let c else { return false }
    return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
  }

  private mutating func skipSpaceAndComments() {
    while let c = peek() {
      if c == "#" {
        while let d = peek(), d != "\n" { position += 1 }
      } else if c == " " || c == "\t" || c == "\n" || c == "\r" {
        position += 1
      } else {
        return
      }
    }
  }

  mutating func next() throws(ExpressionError) -> Token {
    skipSpaceAndComments()
    let start = position
    guard let c = peek() else {
      return Token(kind: .end, range: SourceRange(lower: start, upper: start))
    }
    if Lexer.isDigit(c) { return try number() }
    if Lexer.isNameStart(c) {
      while Lexer.isNameStart(peek()) || Lexer.isDigit(peek()) { position += 1 }
      let text = String(String.UnicodeScalarView(scalars[start..<position]))
      return Token(kind: .name(text), range: SourceRange(lower: start, upper: position))
    }
    if c == "*" && peek(1) == "*" {
      position += 2
      return Token(kind: .symbol("**"), range: SourceRange(lower: start, upper: position))
    }
    if "+-*/^()[],:".unicodeScalars.contains(c) {
      position += 1
      return Token(kind: .symbol(String(c)), range: SourceRange(lower: start, upper: position))
    }
    if c == "." && Lexer.isDigit(peek(1)) {
      throw ExpressionError(
        message: "a number must start with a digit (write 0.5, not .5)",
        range: SourceRange(lower: start, upper: start + 1))
    }
    throw ExpressionError(
      message: "unexpected character '\(c)'", range: SourceRange(lower: start, upper: start + 1))
  }

  /// `digits ("." digits)? (("e" | "E") ("+" | "-")? digits)?`
  private mutating func number() throws(ExpressionError) -> Token {
    let start = position
    while Lexer.isDigit(peek()) { position += 1 }
    if peek() == "." {
      guard Lexer.isDigit(peek(1)) else {
        throw ExpressionError(
          message: "a number cannot end with '.' (write 5.0 or 5, not 5.)",
          range: SourceRange(lower: start, upper: position + 1))
      }
      position += 1
      while Lexer.isDigit(peek()) { position += 1 }
    }
    if peek() == "e" || peek() == "E" {
      let sign = peek(1) == "+" || peek(1) == "-" ? 1 : 0
      guard Lexer.isDigit(peek(1 + sign)) else {
        throw ExpressionError(
          message: "an exponent needs digits after '\(peek()!)'",
          range: SourceRange(lower: start, upper: position + 1 + sign))
      }
      position += 1 + sign
      while Lexer.isDigit(peek()) { position += 1 }
    }
    let range = SourceRange(lower: start, upper: position)
    if Lexer.isNameStart(peek()) {
      throw ExpressionError(
        message: "a name cannot start with a digit",
        range: SourceRange(lower: start, upper: position + 1))
    }
    let text = String(String.UnicodeScalarView(scalars[start..<position]))
    guard let value = Double(text) else {
      throw ExpressionError(message: "'\(text)' is not a number", range: range)
    }
    return Token(kind: .number(value), range: range)
  }
}
