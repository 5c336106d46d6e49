/// A recursive-descent parser for the grammar in the problem-file contract:
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := "-" unary | power
///     power      := postfix (("^" | "**") unary)?
///     postfix    := atom ("[" index "]")*
///     index      := expression | expression? ":" expression?
///     atom       := number | name | name "(" arguments ")" | "(" expression ")"
///                 | "[" expression ("," expression)* "]"
struct Parser {
  private let tokens: [Token]
  private var position = 0

  /// Parses a whole expression; text left over after it is an error.
  static func parse(_ source: String) throws(ExpressionError) -> Expression {
    var parser = Parser(tokens: try Lexer.tokens(of: source))
    if parser.current.kind == .end {
      throw ExpressionError(message: "the expression is empty", range: parser.current.range)
    }
    let expression = try parser.expression()
    guard parser.current.kind == .end else {
      throw ExpressionError(
        message: "unexpected \(parser.current.kind.spelled) after a complete expression",
        range: parser.current.range)
    }
    return expression
  }

  private init(tokens: [Token]) { self.tokens = tokens }

  /// The deepest expression accepted: far beyond what a person writes (a sum of many terms
  /// reads better as `sum(...)`), and shallow enough for every recursive pass over the tree.
  static let maximumDepth = 1000
  /// The deepest nesting of parentheses, brackets, calls, prefix minus and chained powers
  /// (`x^x^x`, right-associative, nests to the right): each level costs several stack frames of
  /// this recursive-descent parser.
  static let maximumNesting = 128
  private var nesting = 0

  private func bounded(_ e: Expression) throws(ExpressionError) -> Expression {
    guard e.depth <= Self.maximumDepth else {
      throw ExpressionError(
        message: "the expression is nested more than \(Self.maximumDepth) levels deep "
          + "(write long sums with sum(...) or split them)",
        range: e.range)
    }
    return e
  }

  private var current: Token { tokens[position] }

  private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

  private mutating func advance() -> Token {
    let token = current
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  private mutating func expect(_ s: String, closing opener: Token? = nil) throws(ExpressionError)
    -> Token
  {
    guard isSymbol(s) else {
      let context = opener.map { " to close the \($0.kind.spelled)" } ?? ""
      throw ExpressionError(
        message: "expected '\(s)'\(context), found \(current.kind.spelled)", range: current.range)
    }
    return advance()
  }

  private mutating func expression() throws(ExpressionError) -> Expression {
    var left = try term()
    while isSymbol("+") || isSymbol("-") {
      let op: Expression.BinaryOperator = advance().kind == .symbol("+") ? .add : .subtract
      let right = try term()
      left = try bounded(
        Expression(kind: .binary(op, left, right), range: left.range.joined(right.range)))
    }
    return left
  }

  private mutating func term() throws(ExpressionError) -> Expression {
    var left = try unary()
    while isSymbol("*") || isSymbol("/") {
      let op: Expression.BinaryOperator = advance().kind == .symbol("*") ? .multiply : .divide
      let right = try unary()
      left = try bounded(
        Expression(kind: .binary(op, left, right), range: left.range.joined(right.range)))
    }
    return left
  }

  private mutating func unary() throws(ExpressionError) -> Expression {
    // Every level of parentheses, brackets, calls, prefix minus and powers passes through here.
    nesting += 1
    defer { nesting -= 1 }
    if nesting > Self.maximumNesting {
      throw ExpressionError(
        message:
          "parentheses, brackets, calls, minus signs and chained powers (a^b^c…) nest more "
          + "than \(Self.maximumNesting) deep",
        range: current.range)
    }
    if isSymbol("-") {
      let minus = advance()
      let operand = try unary()
      return Expression(kind: .negate(operand), range: minus.range.joined(operand.range))
    }
    if isSymbol("+") {
      throw ExpressionError(message: "there is no unary '+'", range: current.range)
    }
    return try power()
  }

  private mutating func power() throws(ExpressionError) -> Expression {
    let base = try postfix()
    guard isSymbol("^") || isSymbol("**") else { return base }
    _ = advance()
    // The exponent is a `unary`, which makes `^` right-associative and allows `2^-1`.
    let exponent = try unary()
    return Expression(
      kind: .binary(.power, base, exponent), range: base.range.joined(exponent.range))
  }

  private mutating func postfix() throws(ExpressionError) -> Expression {
    var base = try atom()
    while isSymbol("[") {
      let open = advance()
      var lower: Expression?
      if !isSymbol(":") { lower = try expression() }
      if isSymbol(":") {
        _ = advance()
        var upper: Expression?
        if !isSymbol("]") { upper = try expression() }
        let close = try expect("]", closing: open)
        base = try bounded(
          Expression(kind: .slice(base, lower, upper), range: base.range.joined(close.range)))
      } else {
        let close = try expect("]", closing: open)
        base = try bounded(
          Expression(kind: .index(base, lower!), range: base.range.joined(close.range)))
      }
    }
    return base
  }

  private mutating func atom() throws(ExpressionError) -> Expression {
    let token = current
    switch token.kind {
    case .number(let value):
      _ = advance()
      return Expression(kind: .number(value), range: token.range)
    case .name(let name):
      _ = advance()
      guard isSymbol("(") else { return Expression(kind: .name(name), range: token.range) }
      let open = advance()
      var arguments = [Expression]()
      if !isSymbol(")") {
        arguments.append(try expression())
        while isSymbol(",") {
          _ = advance()
          arguments.append(try expression())
        }
      }
      let close = try expect(")", closing: open)
      return Expression(
        kind: .call(name, nameRange: token.range, arguments),
        range: token.range.joined(close.range))
    case .symbol("("):
      let open = advance()
      let inner = try expression()
      let close = try expect(")", closing: open)
      return Expression(kind: inner.kind, range: open.range.joined(close.range))
    case .symbol("["):
      let open = advance()
      if isSymbol("]") {
        let close = advance()
        return Expression(kind: .vector([]), range: open.range.joined(close.range))
      }
      var elements = [try expression()]
      while isSymbol(",") {
        _ = advance()
        elements.append(try expression())
      }
      let close = try expect("]", closing: open)
      return Expression(kind: .vector(elements), range: open.range.joined(close.range))
    default:
      throw ExpressionError(
        message: "expected a value, found \(token.kind.spelled)", range: token.range)
    }
  }
}

extension Token.Kind {
  /// How the token reads in a message.
  var spelled: String {
    switch self {
    case .number(let v): return "number \(v)"
    case .name(let n): return "name '\(n)'"
    case .symbol(let s): return "'\(s)'"
    case .end: return "the end of the expression"
    }
  }
}
