/// Parses CSV text by the rules of RFC 4180.
///
/// Fields are separated by commas and records by CRLF, LF or a lone CR. A field that starts
/// with a double quote runs to the matching closing quote, may contain commas, quotes (doubled)
/// and line breaks, and must be followed by a comma, a line break or the end of the text. A quote
/// inside an unquoted field, text after a closing quote and an unterminated quoted field are
/// errors. A final line break does not start another record; an empty line inside the text is
/// a record of one empty field.
public enum CSVReader {
  /// The records of `text`, each a list of fields with the quoting removed.
  public static func parse(_ text: String) throws(ReportingError) -> [[String]] {
    var parser = Parser(bytes: Array(text.utf8))
    return try parser.records()
  }

  private struct Parser {
    let bytes: [UInt8]
    var index = 0
    /// 1-based physical line at `index`, for error messages.
    var line = 1

    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func records() throws(ReportingError) -> [[String]] {
      var records: [[String]] = []
      while index < bytes.count {
        records.append(try record())
      }
      return records
    }

    /// One record, consuming its terminator.
    mutating func record() throws(ReportingError) -> [String] {
      var fields: [String] = []
      while true {
        fields.append(try field())
        guard index < bytes.count else { return fields }
        let b = bytes[index]
        index += 1
        if b == Self.comma { continue }
        // The field ended at a line break.
        if b == Self.cr, index < bytes.count, bytes[index] == Self.lf { index += 1 }
        line += 1
        return fields
      }
    }

    /// One field, stopping before the comma, line break or end that ends it.
    mutating func field() throws(ReportingError) -> String {
      if index < bytes.count, bytes[index] == Self.quote { return try quotedField() }
      let start = index
      while index < bytes.count {
        let b = bytes[index]
        if b == Self.comma || b == Self.cr || b == Self.lf { break }
        if b == Self.quote {
          throw .malformedCSV(line: line, reason: "a double quote inside an unquoted field")
        }
        index += 1
      }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func quotedField() throws(ReportingError) -> String {
      let openingLine = line
      index += 1
      var content: [UInt8] = []
      while index < bytes.count {
        let b = bytes[index]
        index += 1
        if b == Self.quote {
          if index < bytes.count, bytes[index] == Self.quote {
            content.append(Self.quote)
            index += 1
            continue
          }
          if index < bytes.count {
            let next = bytes[index]
            guard next == Self.comma || next == Self.cr || next == Self.lf else {
              throw .malformedCSV(line: line, reason: "text after the closing quote of a field")
            }
          }
          return String(decoding: content, as: UTF8.self)
        }
        if b == Self.lf || (b == Self.cr && (index >= bytes.count || bytes[index] != Self.lf)) {
          line += 1
        }
        content.append(b)
      }
      throw .malformedCSV(
        line: openingLine, reason: "a quoted field is not closed before the end of the text")
    }
  }
}

/// A CSV document with a header row: named columns of text cells.
public struct CSVTable: Sendable, Equatable {
  public var header: [String]
  /// The data rows; blank lines are skipped.
  public var rows: [[String]]

  /// Parses `text`, whose first record is the header. Every row must have the header's number
  /// of fields; an error names the first record that does not (its record number, which is its
  /// line number unless a quoted field above it spans lines).
  public init(_ text: String) throws(ReportingError) {
    let records = try CSVReader.parse(text)
    guard let header = records.first else {
      throw .malformedCSV(line: 1, reason: "no header row")
    }
    self.header = header
    self.rows = []
    for (offset, record) in records.dropFirst().enumerated() where record != [""] {
      guard record.count == header.count else {
        throw .malformedCSV(
          line: offset + 2,
          reason: "\(record.count) fields where the header has \(header.count)")
      }
      rows.append(record)
    }
  }

  /// The cells of the named column, or nil if there is no such column.
  public func column(_ name: String) -> [String]? {
    guard let i = header.firstIndex(of: name) else { return nil }
    return rows.map { $0[i] }
  }
}
