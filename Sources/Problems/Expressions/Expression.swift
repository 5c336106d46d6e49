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
  /// Levels of nesting below and including this node; the parser bounds it so that checking,
  /// lowering and freeing the tree (all recursive) cannot exhaust the stack.
  let depth: Int

  init(kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
    var deepest = 0
    switch kind {
    case .number, .name: break
    case .call(_, _, let arguments): deepest = arguments.map(\.depth).max() ?? 0
    case .negate(let operand): deepest = operand.depth
    case .binary(_, let a, let b), .index(let a, let b): deepest = Swift.max(a.depth, b.depth)
    case .slice(let base, let lower, let upper):
      deepest = Swift.max(base.depth, lower?.depth ?? 0, upper?.depth ?? 0)
    case .vector(let items): deepest = items.map(\.depth).max() ?? 0
    }
    depth = deepest + 1
  }
}
