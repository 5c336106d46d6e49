/// A lexical token of the expression language.
struct Token: Equatable, Sendable {
  enum Kind: Equatable, Sendable {
    case number(Double)
    case name(String)
    /// One of `+ - * / ^ ** ( ) [ ] , :`.
    case symbol(String)
    case end
  }

  let kind: Kind
  let range: SourceRange
}
