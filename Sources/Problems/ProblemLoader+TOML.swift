import TOMLKit

extension ProblemLoader {
  /// The file's TOML table, or a syntax error with its line and column.
  ///
  /// Text that would trip one of toml++'s assertions (see `TOMLPrecheck`) never reaches it: the
  /// complete expressions before the fault are parsed alone, so an earlier syntax error is still
  /// the one reported, and otherwise the fault itself is.
  func parsedTOML() throws(ProblemError) -> TOMLTable {
    if let fault = TOMLPrecheck.firstFault(in: text) {
      let before = String(text.unicodeScalars[..<fault.expressionStart])
      try parse(before)
      throw ProblemError(
        file: file, key: nil, "TOML syntax: \(fault.message)", in: text, line: fault.line,
        column: fault.column)
    }
    return try parse(text)
  }

  @discardableResult
  private func parse(_ toml: String) throws(ProblemError) -> TOMLTable {
    do {
      return try TOMLTable(string: toml)
    } catch let error as TOMLParseError {
      throw ProblemError(
        file: file, key: nil, "TOML syntax: \(error.description)", in: text,
        line: error.source.begin.line, column: error.source.begin.column)
    } catch {
      throw ProblemError(file: file, key: nil, "TOML syntax: \(error)")
    }
  }
}
