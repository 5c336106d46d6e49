/// A plain-text table: a title, column headers, rows of cells, right-aligned numbers.
struct Table {
  var title: String
  var headers: [String]
  var rows: [[String]] = []

  init(_ title: String, headers: [String]) {
    self.title = title
    self.headers = headers
  }

  mutating func add(_ cells: [String]) { rows.append(cells) }

  func render() -> String {
    var widths = headers.map(\.count)
    for row in rows {
      for (k, cell) in row.enumerated() where k < widths.count {
        widths[k] = max(widths[k], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { k, cell in
        let pad = String(repeating: " ", count: widths[k] - cell.count)
        return k == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
    return ([title, line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
  }
}

/// `value` with `digits` significant digits after the point, as `%.Nf` would print it.
func fixed(_ value: Double, _ digits: Int = 1) -> String {
  guard value.isFinite else { return "\(value)" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let rounded = (value * scale).rounded() / scale
  var text = "\(rounded)"
  if let dot = text.firstIndex(of: ".") {
    let decimals = text.distance(from: dot, to: text.endIndex) - 1
    if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    if digits == 0 { text = String(text[..<dot]) }
  }
  return text
}

/// A time in nanoseconds, in the unit that suits it.
func duration(_ ns: Double) -> String {
  if ns < 0 { return "−" + duration(-ns) }
  if ns < 1_000 { return fixed(ns, 1) + " ns" }
  if ns < 1_000_000 { return fixed(ns / 1_000, 2) + " µs" }
  return fixed(ns / 1_000_000, 3) + " ms"
}

func ratio(_ a: Double, _ b: Double) -> String { fixed(a / b, 2) + "×" }
