/// Builds CSV text by the rules of RFC 4180.
///
/// A field is enclosed in double quotes when it contains a comma, a double quote, CR or LF;
/// a double quote inside it is doubled. Records end with CRLF by default, as the RFC says;
/// `.lf` is available for tools that prefer it (pandas, numpy and Python's `csv` read both).
/// The last record is terminated too.
public struct CSVWriter: Sendable {
  /// The record terminator.
  public enum LineEnding: String, Sendable {
    case crlf = "\r\n"
    case lf = "\n"
  }

  public let lineEnding: LineEnding
  /// The number of fields in the header; every row must have as many.
  public let columnCount: Int
  /// The CSV so far: the header and every appended row.
  public private(set) var text: String

  /// Starts a document with its header row.
  public init(header: [String], lineEnding: LineEnding = .crlf) {
    self.lineEnding = lineEnding
    self.columnCount = header.count
    self.text = ""
    appendRecord(header)
  }

  /// Appends a row of already-formatted fields. Fewer fields than the header are padded with
  /// empty fields; more is a programming error.
  public mutating func appendRow(_ fields: [String]) {
    precondition(
      fields.count <= columnCount, "a row of \(fields.count) fields under \(columnCount) columns")
    appendRecord(fields + Array(repeating: "", count: columnCount - fields.count))
  }

  private mutating func appendRecord(_ fields: [String]) {
    text += Self.record(fields, lineEnding: lineEnding)
  }

  /// One record with its terminator.
  public static func record(_ fields: [String], lineEnding: LineEnding = .crlf) -> String {
    fields.map(escape).joined(separator: ",") + lineEnding.rawValue
  }

  /// A field as it appears in the file: quoted when it needs to be, verbatim otherwise.
  public static func escape(_ field: String) -> String {
    let needsQuotes = field.unicodeScalars.contains {
      $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n"
    }
    guard needsQuotes else { return field }
    return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
  }
}

extension String {
  /// Replaces every occurrence of a single character; avoids needing Foundation here.
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    out.reserveCapacity(count)
    for c in self {
      if c == target { out += replacement } else { out.append(c) }
    }
    return out
  }
}
