import Foundation
import Reporting

/// How wide the table on standard output may be: `COLUMNS` when it holds a positive number,
/// else the terminal's width when standard output is one, else 120 (a pipe, a file or a
/// terminal that does not say).
enum TerminalWidth {
  static let fallback = 120

  static func forStandardOutput() -> Int {
    resolve(
      columns: ProcessInfo.processInfo.environment["COLUMNS"],
      terminal: TableFormatter.terminalWidth(STDOUT_FILENO))
  }

  static func resolve(columns: String?, terminal: Int?) -> Int {
    if let columns, let width = Int(columns.trimmingCharacters(in: .whitespaces)), width > 0 {
      return width
    }
    return terminal ?? fallback
  }
}
