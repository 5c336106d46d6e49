import Foundation

/// A plain-text table for the terminal: a header, a rule under it, columns padded to line up,
/// numbers right-aligned and text left-aligned.
///
/// When `maxWidth` is set and the table is wider, the columns in `dropOrder` are left out, in
/// that order, until it fits; if it still does not, text columns are shortened (widest first,
/// never below 4 characters, cut with `…`); numbers are never cut. With `ansi` set, the header
/// is bold and styled cells are coloured; pass `TableFormatter.isTerminal(STDOUT_FILENO)` so
/// that a pipe or a file gets no escape codes. Widths count characters (grapheme clusters),
/// which is right for the Latin, Greek and mathematical text the toolkit prints.
public struct TableFormatter: Sendable {
  /// How a cell is shown when `ansi` is on.
  public enum Style: Sendable, Equatable {
    case plain, bold, dim, good, bad, warning

    var code: String? {
      switch self {
      case .plain: return nil
      case .bold: return "\u{1B}[1m"
      case .dim: return "\u{1B}[2m"
      case .good: return "\u{1B}[32m"
      case .bad: return "\u{1B}[31m"
      case .warning: return "\u{1B}[33m"
      }
    }
  }

  /// One cell: its text, whether it is a number (right-aligned, never shortened) and its style.
  public struct Cell: Sendable, Equatable {
    public var text: String
    public var isNumeric: Bool
    public var style: Style

    public init(text: String, isNumeric: Bool, style: Style = .plain) {
      self.text = text
      self.isNumeric = isNumeric
      self.style = style
    }

    public static func text(_ text: String, style: Style = .plain) -> Cell {
      Cell(text: text, isNumeric: false, style: style)
    }
    /// A real number in `TableFormatter.format`.
    public static func number(_ value: Double, style: Style = .plain) -> Cell {
      Cell(text: TableFormatter.format(value), isNumeric: true, style: style)
    }
    public static func integer(_ value: Int, style: Style = .plain) -> Cell {
      Cell(text: String(value), isNumeric: true, style: style)
    }
    /// An empty cell (an unknown value).
    public static let empty = Cell(text: "", isNumeric: true)
  }

  public var headers: [String]
  /// The widest a line may be, in characters; nil is unlimited.
  public var maxWidth: Int?
  /// Whether to emit ANSI escape codes.
  public var ansi: Bool
  /// Spaces between columns.
  public var gap = 2
  /// Indices of the columns that may be left out when the table is wider than `maxWidth`, the
  /// first to go first.
  public var dropOrder: [Int] = []

  public init(headers: [String], maxWidth: Int? = nil, ansi: Bool = false) {
    self.headers = headers
    self.maxWidth = maxWidth
    self.ansi = ansi
  }

  /// A number in six significant digits, like C's `%.6g` (`0.001`, `1.23457e+06`, `1e-12`);
  /// `NaN`, `inf` and `-inf` for the others.
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return String(format: "%.6g", value)
  }

  /// A rendered table and the headers of the columns left out to fit `maxWidth`.
  public struct Fitted: Sendable, Equatable {
    public var text: String
    public var omitted: [String]
  }

  /// The table, one line per row after the header and its rule, each ending in a line feed.
  /// Rows shorter than the header are padded with empty cells.
  public func render(_ rows: [[Cell]]) -> String { fitted(rows).text }

  /// The table as `render` draws it, with the headers of the columns it left out.
  public func fitted(_ rows: [[Cell]]) -> Fitted {
    var grid = rows.map { row in
      Array(row.prefix(headers.count))
        + Array(repeating: .empty, count: max(0, headers.count - row.count))
    }
    var shown = headers
    var widths = headers.indices.map { c in
      grid.reduce(headers[c].count) { max($0, $1[c].text.count) }
    }
    var omitted: [String] = []
    if let maxWidth {
      var kept = Array(headers.indices)
      for column in dropOrder where totalWidth(kept.map { widths[$0] }) > maxWidth {
        guard let position = kept.firstIndex(of: column) else { continue }
        kept.remove(at: position)
        omitted.append(headers[column])
      }
      shown = kept.map { headers[$0] }
      widths = kept.map { widths[$0] }
      grid = grid.map { row in kept.map { row[$0] } }
    }
    let columnCount = shown.count
    let numeric = (0..<columnCount).map { c in
      !grid.isEmpty && grid.allSatisfy { $0[c].isNumeric }
    }
    if let maxWidth { shrink(&widths, numeric: numeric, to: maxWidth) }

    var lines: [String] = []
    let headerCells = shown.map { Cell.text($0, style: .bold) }
    lines.append(line(headerCells, widths: widths, rightAligned: numeric, header: true))
    let ruleWidth = widths.reduce(0, +) + gap * max(0, columnCount - 1)
    lines.append(String(repeating: "-", count: ruleWidth))
    for row in grid {
      lines.append(line(row, widths: widths, rightAligned: numeric, header: false))
    }
    return Fitted(text: lines.map { $0 + "\n" }.joined(), omitted: omitted)
  }

  private func totalWidth(_ widths: [Int]) -> Int {
    widths.reduce(0, +) + gap * max(0, widths.count - 1)
  }

  private func shrink(_ widths: inout [Int], numeric: [Bool], to maxWidth: Int) {
    let minimum = 4
    var total = totalWidth(widths)
    while total > maxWidth {
      let candidates = widths.indices.filter { !numeric[$0] && widths[$0] > minimum }
      guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { return }
      widths[widest] -= 1
      total -= 1
    }
  }

  private func line(_ cells: [Cell], widths: [Int], rightAligned: [Bool], header: Bool) -> String {
    var parts: [String] = []
    for (c, cell) in cells.enumerated() {
      let text = Self.fit(cell.text, width: widths[c])
      let padding = String(repeating: " ", count: widths[c] - text.count)
      let styled = ansi ? Self.apply(cell.style, to: text) : text
      parts.append(rightAligned[c] ? padding + styled : styled + padding)
    }
    var joined = parts.joined(separator: String(repeating: " ", count: gap))
    // Trailing spaces are noise in logs and diffs.
    while joined.hasSuffix(" ") { joined.removeLast() }
    return joined
  }

  static func fit(_ text: String, width: Int) -> String {
    guard text.count > width else { return text }
    return String(text.prefix(max(width - 1, 0))) + "…"
  }

  static func apply(_ style: Style, to text: String) -> String {
    guard let code = style.code, !text.isEmpty else { return text }
    return code + text + "\u{1B}[0m"
  }

  /// Whether a file descriptor is a terminal (`isatty`).
  public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

  /// The width of the terminal on a file descriptor, if it is one and reports a width.
  public static func terminalWidth(_ fd: Int32) -> Int? {
    var size = winsize()
    guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }
}
