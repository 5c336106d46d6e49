/// The syntax tree of one expression, each node with the text it came from.
struct Expression: Sendable {
  indirect enum Kind: Sendable {
    case number(Double)
    case name(String)
    /// `name(arguments)`; `nameRange` covers the function name alone.
    case call(String, nameRange: SourceRange, [Expression])
    case negate(Expression)
    case binary(BinaryOperator, Expression, Expression)
    /// `base[index]`
    case index(Expression, Expression)
    /// `base[lower:upper]`, either bound optional
    case slice(Expression, Expression?, Expression?)
    /// `[a, b, …]`
    case vector([Expression])
  }

  enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case power = "^"
  }

  let kind: Kind
  let range: SourceRange
}
