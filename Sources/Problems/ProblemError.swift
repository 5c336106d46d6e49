/// Why a problem file could not be loaded: one message naming the file, the key (such as
/// `residuals[2]`), and for an expression the line and column of the fault within it, with the
/// offending text underlined by carets.
public struct ProblemError: Error, CustomStringConvertible, Sendable {
  /// The file (path or built-in name) the problem came from.
  public let file: String
  /// The key at fault, such as `objective` or `residuals[2]`; nil for the file as a whole.
  public let key: String?
  /// What is wrong.
  public let message: String
  /// For an expression: 1-based line and column within it.
  public let line: Int?
  public let column: Int?
  /// The source line of the fault and a caret line under the offending text.
  public let excerpt: [String]

  init(file: String, key: String? = nil, _ message: String) {
    self.file = file
    self.key = key
    self.message = message
    self.line = nil
    self.column = nil
    self.excerpt = []
  }

  /// A fault at a line and column (1-based) of some text: the TOML file or an expression.
  init(
    file: String, key: String?, _ message: String, in text: String, line: Int, column: Int,
    length: Int = 1
  ) {
    self.file = file
    self.key = key
    self.message = message
    self.line = line
    self.column = column
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if line >= 1 && line <= lines.count {
      let source = String(lines[line - 1]).replacingTabs()
      let caretStart = Swift.max(column - 1, 0)
      let caretLength = Swift.max(1, Swift.min(length, source.unicodeScalars.count - caretStart))
      self.excerpt = [
        source,
        String(repeating: " ", count: caretStart) + String(repeating: "^", count: caretLength),
      ]
    } else {
      self.excerpt = []
    }
  }

  /// An expression fault, located from its scalar range.
  init(file: String, key: String, _ error: ExpressionError, in source: String) {
    let scalars = Array(source.unicodeScalars)
    var line = 1
    var column = 1
    for c in scalars.prefix(Swift.min(error.range.lower, scalars.count)) {
      if c == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    // Underline to the end of the range, or of its first line.
    var length = 0
    var i = error.range.lower
    while i < Swift.min(error.range.upper, scalars.count) && scalars[i] != "\n" {
      length += 1
      i += 1
    }
    self.init(
      file: file, key: key, error.message, in: source, line: line, column: column,
      length: length)
  }

  public var description: String {
    var head = file
    if let key { head += ": \(key)" }
    if let line, let column { head += ", line \(line), column \(column)" }
    return ([head + ": " + message] + excerpt.map { "    " + $0 }).joined(separator: "\n")
  }
}

extension String {
  /// Tabs become single spaces so that carets line up with a column count in scalars.
  fileprivate func replacingTabs() -> String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\t" ? " " : $0 }))
  }
}
