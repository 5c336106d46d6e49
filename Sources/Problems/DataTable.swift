import Autodiff

/// Reads a problem's `data` CSV: a header row of names, then numeric cells only; blank lines
/// are skipped. Each column becomes a vector constant named by its header.
///
/// What the toolkit writes reads back: a UTF-8 byte-order mark is skipped and fields may be
/// quoted as RFC 4180 does (`"a","b"`, `""` for a quote). What is ambiguous is refused with its
/// line and column: a cell that is not a plain decimal number (`0x10`, `nan`, `inf`), a number
/// beyond Double's range (`1e400`), a quoted field that is not closed. The work is linear in the
/// file's size, and values are held as numbers only (8 bytes each), not as text.
enum DataTable {
  /// The columns by name, or a message saying what is wrong (prefixed with the file name).
  static func columns(csv text: String, file: String) -> Result<[String: Tensor<Double>], DataError>
  {
    var header: [String]?
    var headerLine = 0
    var values: [[Double]] = []
    var body = Substring(text)
    if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
    for (i, line) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let number = i + 1
      if line.allSatisfy(\.isWhitespace) { continue }
      let cells: [Substring]
      switch fields(of: line) {
      case .success(let found): cells = found
      case .failure(let fault):
        return .failure(
          DataError(
            "\(file), line \(number), column \(fault.column): a quoted field is not closed "
              + "(or text follows its closing quote)"))
      }
      guard let names = header else {
        var seen = Set<String>()
        for (j, cell) in cells.enumerated() {
          let name = String(cell)
          guard isName(name) else {
            return .failure(
              DataError(
                "\(file), line \(number), column \(j + 1): header '\(name)' is not a name "
                  + "(letters, digits and _, not starting with a digit)"))
          }
          guard seen.insert(name).inserted else {
            return .failure(DataError("\(file), line \(number): column '\(name)' appears twice"))
          }
        }
        header = cells.map(String.init)
        headerLine = number
        values = Array(repeating: [], count: cells.count)
        continue
      }
      guard cells.count == names.count else {
        return .failure(
          DataError(
            "\(file), line \(number): \(cells.count) cells, but the header (line \(headerLine)) "
              + "has \(names.count)"))
      }
      for (j, cell) in cells.enumerated() {
        guard let v = decimal(cell) else {
          return .failure(
            DataError(
              "\(file), line \(number), column \(j + 1) ('\(names[j])'): '\(cell)' is not a "
                + "finite decimal number"))
        }
        values[j].append(v)
      }
    }
    guard let names = header else {
      return .failure(DataError("\(file) is empty: it needs a header row"))
    }
    var columns = [String: Tensor<Double>]()
    for (j, name) in names.enumerated() { columns[name] = Tensor(values[j]) }
    return .success(columns)
  }

  /// A quoted field not closed, at a 1-based column.
  struct UnclosedQuote: Error { let column: Int }

  /// The fields of one line, trimmed, quotes removed.
  static func fields(of line: Substring) -> Result<[Substring], UnclosedQuote> {
    var result: [Substring] = []
    var rest = line[...]
    while true {
      let trimmed = rest.drop { $0 == " " || $0 == "\t" }
      if trimmed.first == "\"" {
        var text = ""
        var index = trimmed.index(after: trimmed.startIndex)
        var closed = false
        while index < trimmed.endIndex {
          let c = trimmed[index]
          index = trimmed.index(after: index)
          if c == "\"" {
            if index < trimmed.endIndex, trimmed[index] == "\"" {
              text.append("\"")
              index = trimmed.index(after: index)
            } else {
              closed = true
              break
            }
          } else {
            text.append(c)
          }
        }
        guard closed else { return .failure(UnclosedQuote(column: result.count + 1)) }
        result.append(Substring(text))
        let after = trimmed[index...].drop { $0 == " " || $0 == "\t" }
        guard let next = after.first else { return .success(result) }
        guard next == "," else { return .failure(UnclosedQuote(column: result.count)) }
        rest = after.dropFirst()
      } else if let comma = trimmed.firstIndex(of: ",") {
        result.append(Substring(trimmed[..<comma].trimmingWhitespace()))
        rest = trimmed[trimmed.index(after: comma)...]
      } else {
        result.append(Substring(trimmed.trimmingWhitespace()))
        return .success(result)
      }
    }
  }

  /// A plain decimal number (`-1`, `2.5`, `.5`, `3e-4`) whose value is finite; nil otherwise.
  static func decimal(_ cell: Substring) -> Double? {
    var sawDigit = false
    var index = cell.startIndex
    func skipDigits() {
      while index < cell.endIndex, cell[index].isASCII, cell[index].isNumber {
        sawDigit = true
        index = cell.index(after: index)
      }
    }
    if index < cell.endIndex, cell[index] == "-" || cell[index] == "+" {
      index = cell.index(after: index)
    }
    skipDigits()
    if index < cell.endIndex, cell[index] == "." {
      index = cell.index(after: index)
      skipDigits()
    }
    guard sawDigit else { return nil }
    if index < cell.endIndex, cell[index] == "e" || cell[index] == "E" {
      index = cell.index(after: index)
      if index < cell.endIndex, cell[index] == "-" || cell[index] == "+" {
        index = cell.index(after: index)
      }
      sawDigit = false
      skipDigits()
      guard sawDigit else { return nil }
    }
    guard index == cell.endIndex, let value = Double(cell), value.isFinite else { return nil }
    return value
  }
}

/// Letters, digits and `_`, not starting with a digit; ASCII only.
func isName(_ s: String) -> Bool {
  guard let first = s.unicodeScalars.first, !(first >= "0" && first <= "9") else { return false }
  return s.unicodeScalars.allSatisfy {
    ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
  }
}

/// A fault in a data file.
struct DataError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

extension StringProtocol {
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}
