import Autodiff

/// Reads a problem's `data` CSV: a header row of names, then numeric cells only; blank lines
/// are skipped. Each column becomes a vector constant named by its header.
enum DataTable {
  /// The columns by name, or a message saying what is wrong (prefixed with the file name).
  static func columns(csv text: String, file: String) -> Result<[String: Tensor<Double>], DataError>
  {
    var lines = [(number: Int, cells: [String])]()
    for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let trimmed = line.trimmingWhitespace()
      if trimmed.isEmpty { continue }
      lines.append(
        (
          i + 1,
          trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingWhitespace()
          }
        ))
    }
    guard let header = lines.first else {
      return .failure(DataError("\(file) is empty: it needs a header row"))
    }
    for (j, name) in header.cells.enumerated() where !isName(name) {
      return .failure(
        DataError(
          "\(file), line \(header.number), column \(j + 1): header '\(name)' is not a name "
            + "(letters, digits and _, not starting with a digit)"))
    }
    if let duplicate = header.cells.first(where: { n in header.cells.filter { $0 == n }.count > 1 })
    {
      return .failure(
        DataError("\(file), line \(header.number): column '\(duplicate)' appears twice"))
    }
    var values = [[Double]](repeating: [], count: header.cells.count)
    for row in lines.dropFirst() {
      guard row.cells.count == header.cells.count else {
        return .failure(
          DataError(
            "\(file), line \(row.number): \(row.cells.count) cells, but the header has "
              + "\(header.cells.count)"))
      }
      for (j, cell) in row.cells.enumerated() {
        guard let v = Double(cell), !cell.isEmpty else {
          return .failure(
            DataError(
              "\(file), line \(row.number), column \(j + 1) ('\(header.cells[j])'): "
                + "'\(cell)' is not a number"))
        }
        values[j].append(v)
      }
    }
    var columns = [String: Tensor<Double>]()
    for (j, name) in header.cells.enumerated() { columns[name] = Tensor(values[j]) }
    return .success(columns)
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
