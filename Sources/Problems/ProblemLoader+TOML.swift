import OptimizationCore
import TOMLKit

extension ProblemLoader {
  /// The file's TOML table, or a syntax error with its line and column.
  ///
  /// Text that would trip one of toml++'s assertions (see `TOMLPrecheck`) never reaches it: the
  /// complete expressions before the fault are parsed alone, so an earlier syntax error is still
  /// the one reported, and otherwise the fault itself is.
  func parsedTOML() throws(ProblemError) -> TOMLTable {
    try Self.parseTOML(text, file: file)
  }

  /// Parses TOML text as problem files are parsed (a sweep file too): errors name `file` and
  /// carry the line and column.
  static func parseTOML(_ text: String, file: String) throws(ProblemError) -> TOMLTable {
    if let fault = TOMLPrecheck.firstFault(in: text) {
      let before = String(text.unicodeScalars[..<fault.expressionStart])
      try parse(before, text, file: file)
      throw ProblemError(
        file: file, key: nil, "TOML syntax: \(fault.message)", in: text, line: fault.line,
        column: fault.column)
    }
    return try parse(text, text, file: file)
  }

  @discardableResult
  private static func parse(_ toml: String, _ text: String, file: String) throws(ProblemError)
    -> TOMLTable
  {
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

/// TOML as the toolkit reads it: problem files, and sweep files with the same guarantees
/// (no input reaches one of toml++'s assertions; a syntax error names the line and column).
public enum TOMLFile {
  public static func parse(_ text: String, file: String) throws(ProblemError) -> TOMLTable {
    try ProblemLoader.parseTOML(text, file: file)
  }

  /// The unknown keys of `table` as an error naming the nearest known key, like a problem file's.
  public static func checkKeys(
    _ table: TOMLTable, known: [String], prefix: String, file: String
  ) throws(ProblemError) {
    for key in table.keys.sorted() where !known.contains(key) {
      var message = "unknown key '\(prefix)\(key)'"
      let near = NameSuggestion.nearest(to: key, among: known)
      if !near.isEmpty {
        message += "; did you mean \(near.map { "'\(prefix)\($0)'" }.joined(separator: " or "))?"
      }
      message += " (known keys: \(known.map { prefix + $0 }.joined(separator: ", ")))"
      throw ProblemError(file: file, key: prefix + key, message)
    }
  }
}
