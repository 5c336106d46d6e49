/// The rectangle data are drawn in, in pixels.
struct PlotArea {
  var left: Double
  var top: Double
  var width: Double
  var height: Double
  var right: Double { left + width }
  var bottom: Double { top + height }
}

/// One line of a legend: a sample of the series' stroke and marker, or a star.
struct LegendEntry {
  enum Symbol {
    case series(color: String, dash: String, marker: Palette.Marker)
    case star
    case openCircle
    /// Where a path left the plot.
    case exit
    /// A bold title over the entries that follow (a solver family); no symbol.
    case heading
  }
  var label: String
  var symbol: Symbol
}

extension SVGCanvas {
  /// The frame, ticks, tick labels and axis labels of a plot; `grid` adds faint lines at the
  /// ticks. Labels are plain text and are escaped here.
  mutating func axes(
    _ area: PlotArea, x: any AxisScale, y: any AxisScale, xLabel: String, yLabel: String,
    grid: Bool
  ) {
    for tick in x.ticks {
      let px = x.pixel(tick.value)
      if grid { line(px, area.top, px, area.bottom, stroke: "#e6e6e6") }
      line(px, area.bottom, px, area.bottom + 5)
      text(tick.label, x: px, y: area.bottom + 19, size: 11)
    }
    for tick in y.ticks {
      let py = y.pixel(tick.value)
      if grid { line(area.left, py, area.right, py, stroke: "#e6e6e6") }
      line(area.left - 5, py, area.left, py)
      text(tick.label, x: area.left - 8, y: py + 4, anchor: "end", size: 11)
    }
    append(
      "<rect x=\"\(SVGNumber.pixel(area.left))\" y=\"\(SVGNumber.pixel(area.top))\" "
        + "width=\"\(SVGNumber.pixel(area.width))\" height=\"\(SVGNumber.pixel(area.height))\" "
        + "fill=\"none\" stroke=\"#000000\"/>")
    text(XMLText.escape(xLabel), x: area.left + area.width / 2, y: area.bottom + 42, size: 13)
    let yx = area.left - 58
    let yy = area.top + area.height / 2
    text(
      XMLText.escape(yLabel), x: yx, y: yy, size: 13,
      extra: "transform=\"rotate(-90 \(SVGNumber.pixel(yx)) \(SVGNumber.pixel(yy)))\"")
  }

  mutating func title(_ title: String, centre: Double) {
    text(XMLText.escape(title), x: centre, y: 26, size: 15, extra: "font-weight=\"bold\"")
  }

  /// A clip path named `id` covering `area`; draw inside `<g clip-path="url(#id)">`.
  mutating func clipPath(id: String, area: PlotArea) {
    append(
      "<defs><clipPath id=\"\(id)\"><rect x=\"\(SVGNumber.pixel(area.left))\" "
        + "y=\"\(SVGNumber.pixel(area.top))\" width=\"\(SVGNumber.pixel(area.width))\" "
        + "height=\"\(SVGNumber.pixel(area.height))\"/></clipPath></defs>")
  }

  /// A legend whose top-left corner is (x, y), one entry per line.
  mutating func legend(_ entries: [LegendEntry], x: Double, y: Double, maxCharacters: Int = 26) {
    guard !entries.isEmpty else { return }
    let longest = entries.map { min($0.label.count, maxCharacters) }.max() ?? 0
    append(
      "<rect x=\"\(SVGNumber.pixel(x - 6))\" y=\"\(SVGNumber.pixel(y - 6))\" "
        + "width=\"\(SVGNumber.pixel(Double(longest) * 6.2 + 48))\" "
        + "height=\"\(SVGNumber.pixel(Self.legendHeight(entries) + 8))\" "
        + "fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#bbbbbb\"/>")
    var top = y
    for entry in entries {
      let rowHeight = Self.rowHeight(entry)
      let cy = top + rowHeight / 2 - 2
      top += rowHeight
      switch entry.symbol {
      case .heading:
        let label = TableFormatter.fit(entry.label, width: maxCharacters + 6)
        text(
          XMLText.escape(label), x: x - 2, y: cy + 6, anchor: "start", size: 11,
          extra: "font-weight=\"bold\" fill=\"#333333\"")
        continue
      case .exit:
        exitMark(x: x + 15, y: cy, dx: 1, dy: 0, color: "#888888")
      case .series(let color, let dash, let marker):
        polyline([(x, cy), (x + 30, cy)], stroke: color, width: 2, dash: dash)
        self.marker(marker, x: x + 15, y: cy, size: 7, color: color)
      case .star:
        star(x: x + 15, y: cy, radius: 7)
      case .openCircle:
        self.marker(.circle, x: x + 15, y: cy, size: 8, color: "#000000", filled: false)
      }
      let label = TableFormatter.fit(entry.label, width: maxCharacters)
      text(XMLText.escape(label), x: x + 38, y: cy + 4, anchor: "start", size: 11)
    }
  }

  /// Headings take a little more room than entries: the space above them separates families.
  static func rowHeight(_ entry: LegendEntry) -> Double {
    if case .heading = entry.symbol { return 20 }
    return 18
  }

  /// The height of a legend's entries, without its 8 pixels of margin.
  static func legendHeight(_ entries: [LegendEntry]) -> Double {
    entries.reduce(0) { $0 + rowHeight($1) }
  }
}
