/// The sweep report's HTML, written section by section to a sink as it is made, so that a page
/// with thousands of convergence plots is never held whole.
struct HTMLPage {
  private let sink: (String) throws -> Void
  private var figureCount = 0
  let title: String

  /// Writes the head and the title.
  init(title: String, sink: @escaping (String) throws -> Void) throws {
    self.title = title
    self.sink = sink
    try sink(
      """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(XMLText.escape(title))</title>
      <style>
      \(HTMLStyle.css)
      </style>
      </head>
      <body>
      <main>
      <h1>\(XMLText.escape(title))</h1>

      """)
  }

  /// Closes the page.
  func finish() throws {
    try sink(
      """
      </main>
      </body>
      </html>

      """)
  }

  private func append(_ element: String) throws { try sink(element + "\n") }

  func section(_ heading: String) throws {
    try append("<h2>\(XMLText.escape(heading))</h2>")
  }

  func description(_ pairs: [(key: String, value: String)]) throws {
    guard !pairs.isEmpty else { return }
    let rows = pairs.map {
      "<dt>\(XMLText.escape($0.key))</dt><dd>\(XMLText.escape($0.value))</dd>"
    }
    try append("<dl class=\"sweep\">\n\(rows.joined(separator: "\n"))\n</dl>")
  }

  /// A short line in the solver's colour and dash, as in the plots.
  static func swatch(_ index: Int) -> String {
    let dash = Palette.dash(index)
    return "<svg width=\"30\" height=\"10\" viewBox=\"0 0 30 10\" aria-hidden=\"true\">"
      + "<line x1=\"1\" y1=\"5\" x2=\"29\" y2=\"5\" stroke=\"\(Palette.color(index))\" "
      + "stroke-width=\"2.5\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/></svg>"
  }

  func solvedTable(_ counts: SolvedCounts) throws {
    let header =
      "<tr><th>solver</th>"
      + counts.targetHeaders.map { "<th class=\"num\">\(XMLText.escape($0))</th>" }.joined()
      + "</tr>"
    func row(_ name: String, _ cells: [Int], cssClass: String = "") -> String {
      "<tr\(cssClass)><td>\(name)</td>"
        + cells.map { "<td class=\"num\">\($0) / \(counts.instanceCount)</td>" }.joined() + "</tr>"
    }
    var rows = counts.solvers.indices.map { s in
      row(Self.swatch(s) + XMLText.escape(counts.solvers[s]), counts.counts[s])
    }
    rows.append(row("any solver", counts.byAny, cssClass: " class=\"total\""))
    try append("<table>\n\(header)\n\(rows.joined(separator: "\n"))\n</table>")
    try append(
      "<p class=\"note\">An instance counts as solved at ε when f − f* ≤ ε·(f(x₀) − f*); with "
        + "repeated runs, when more than half of them got there.</p>")
  }

  func ranking(_ ranking: SolverRanking, targets: [Double], solvers: [String]) throws {
    let solvedHeader = ranking.target.map { "solved at ε = \(TableFormatter.format(targets[$0]))" }
    var rows = [
      "<tr><th class=\"num\">rank</th><th>solver</th><th class=\"num\">score</th>"
        + "<th class=\"num\">\(XMLText.escape(solvedHeader ?? "solved"))</th></tr>"
    ]
    for entry in ranking.entries {
      let swatch = solvers.firstIndex(of: entry.solver).map(Self.swatch) ?? ""
      rows.append(
        "<tr><td class=\"num\">\(entry.rank)</td><td>\(swatch)\(XMLText.escape(entry.solver))</td>"
          + "<td class=\"num\">\(TableFormatter.format(entry.score))</td>"
          + "<td class=\"num\">\(entry.solved)</td></tr>")
    }
    try append("<table>\n\(rows.joined(separator: "\n"))\n</table>")
    try append("<p class=\"rule\">\(XMLText.escape(SolverRanking.rule))</p>")
  }

  /// Inline SVG with ids unique on the page.
  private mutating func inline(_ svg: String) -> String {
    figureCount += 1
    return InlineSVG.embed(svg, idPrefix: "f\(figureCount)-")
  }

  mutating func figure(_ svg: String) throws {
    try append("<figure>\(inline(svg))</figure>")
  }

  /// Opens the grid of convergence plots; `convergencePlot` adds to it, `endConvergence`
  /// closes it.
  func beginConvergence() throws {
    try append(
      "<p class=\"note\">f − f* after each kept iteration against evaluations of f and ∇f; the "
        + "first run of each solver on the instance.</p>")
    try append("<div class=\"plots\">")
  }

  mutating func convergencePlot(instance: String, svg: String, folded: Bool) throws {
    let svg = inline(svg)
    try append(
      folded
        ? "<details><summary>\(XMLText.escape(instance))</summary>\(svg)</details>"
        : "<figure>\(svg)</figure>")
  }

  func endConvergence() throws {
    try append("</div>")
  }

  func links(_ links: [SweepHTMLReport.Link]) throws {
    let items = links.map {
      "<li><a href=\"\(XMLText.escape($0.path))\">\(XMLText.escape($0.label))</a></li>"
    }
    try append("<ul class=\"files\">\n\(items.joined(separator: "\n"))\n</ul>")
  }
}
