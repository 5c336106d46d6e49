/// A span of an expression's text, in Unicode scalars from its start: `lower..<upper`.
struct SourceRange: Hashable, Sendable {
  var lower: Int
  var upper: Int

  /// The smallest range covering both.
  func joined(_ other: SourceRange) -> SourceRange {
    SourceRange(lower: Swift.min(lower, other.lower), upper: Swift.max(upper, other.upper))
  }
}

/// A fault in an expression: what is wrong and where.
struct ExpressionError: Error, Sendable {
  let message: String
  let range: SourceRange
}
