/// The sweep report's HTML as it is assembled, section by section.
struct HTMLPage {
  private var body: [String] = []
  private var figureCount = 0
  let title: String

  init(title: String) {
    self.title = title
    body.append("<h1>\(XMLText.escape(title))</h1>")
  }

  var finished: String {
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
    \(body.joined(separator: "\n"))
    </main>
    </body>
    </html>

    """
  }

  mutating func section(_ heading: String) {
    body.append("<h2>\(XMLText.escape(heading))</h2>")
  }

  mutating func description(_ pairs: [(key: String, value: String)]) {
    guard !pairs.isEmpty else { return }
    let rows = pairs.map {
      "<dt>\(XMLText.escape($0.key))</dt><dd>\(XMLText.escape($0.value))</dd>"
    }
    body.append("<dl class=\"sweep\">\n\(rows.joined(separator: "\n"))\n</dl>")
  }

  /// A short line in the solver's colour and dash, as in the plots.
  static func swatch(_ index: Int) -> String {
    let dash = Palette.dash(index)
    return "<svg width=\"30\" height=\"10\" viewBox=\"0 0 30 10\" aria-hidden=\"true\">"
      + "<line x1=\"1\" y1=\"5\" x2=\"29\" y2=\"5\" stroke=\"\(Palette.color(index))\" "
      + "stroke-width=\"2.5\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/></svg>"
  }

  mutating func solvedTable(_ counts: SolvedCounts) {
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
    body.append("<table>\n\(header)\n\(rows.joined(separator: "\n"))\n</table>")
    body.append(
      "<p class=\"note\">An instance counts as solved at ε when f − f* ≤ ε·(f(x₀) − f*); with "
        + "repeated runs, when more than half of them got there.</p>")
  }

  mutating func ranking(_ ranking: SolverRanking, targets: [Double], solvers: [String]) {
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
    body.append("<table>\n\(rows.joined(separator: "\n"))\n</table>")
    body.append("<p class=\"rule\">\(XMLText.escape(SolverRanking.rule))</p>")
  }

  mutating func figure(_ svg: String) {
    figureCount += 1
    body.append("<figure>\(InlineSVG.embed(svg, idPrefix: "f\(figureCount)-"))</figure>")
  }

  mutating func convergence(plots: [(instance: String, svg: String)], folded: Bool) {
    var items: [String] = []
    for plot in plots {
      figureCount += 1
      let svg = InlineSVG.embed(plot.svg, idPrefix: "f\(figureCount)-")
      items.append(
        folded
          ? "<details><summary>\(XMLText.escape(plot.instance))</summary>\(svg)</details>"
          : "<figure>\(svg)</figure>")
    }
    body.append(
      "<p class=\"note\">f − f* after each kept iteration against evaluations of f and ∇f; the "
        + "first run of each solver on the instance.</p>")
    body.append("<div class=\"plots\">\n\(items.joined(separator: "\n"))\n</div>")
  }

  mutating func links(_ links: [SweepHTMLReport.Link]) {
    let items = links.map {
      "<li><a href=\"\(XMLText.escape($0.path))\">\(XMLText.escape($0.label))</a></li>"
    }
    body.append("<ul class=\"files\">\n\(items.joined(separator: "\n"))\n</ul>")
  }
}
