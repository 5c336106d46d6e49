/// Performance or data profiles as one SVG figure: one panel per target level (small
/// multiples, up to `columns` a row), every solver a step line with its own colour and dash,
/// one legend. The x axis is log₂; the y axis is the fraction of instances, 0 to 1.
public struct ProfileFigure: Sendable {
  /// One target level's profile: steps[solver], as in `PerformanceProfile.steps`.
  public struct Panel: Sendable {
    public var title: String
    public var steps: [[ProfileStep]]
    /// The x range shown (both > 0).
    public var xRange: ClosedRange<Double>
    public init(title: String, steps: [[ProfileStep]], xRange: ClosedRange<Double>) {
      self.title = title
      self.steps = steps
      self.xRange = xRange
    }
  }

  public var title: String
  public var solvers: [String]
  public var panels: [Panel]
  public var xLabel: String
  public var yLabel: String
  public var note: String
  public var columns = 3
  public var panelWidth = 330.0
  public var panelHeight = 300.0
  public var legendWidth = 230.0

  public init(
    title: String, solvers: [String], panels: [Panel], xLabel: String, yLabel: String,
    note: String = ""
  ) {
    self.title = title
    self.solvers = solvers
    self.panels = panels
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.note = note
  }

  /// Performance profiles against log₂ τ, from τ = 1 to past the largest finite ratio.
  public init(performance profiles: [PerformanceProfile], title: String) {
    let cost = profiles.first?.cost ?? .evaluations
    self.init(
      title: title, solvers: profiles.first?.solvers ?? [],
      panels: profiles.map {
        Panel(
          title: "ε = \(TableFormatter.format($0.target))", steps: $0.steps,
          xRange: 1...Swift.max(2, $0.largestRatio * 1.5))
      },
      xLabel: "τ, cost ÷ best cost (\(cost.rawValue))", yLabel: "fraction with ratio ≤ τ",
      note: cost == .seconds ? "times below 1 µs count as 1 µs" : "")
  }

  /// Data profiles against log₂ κ, κ in units of n + 1 evaluations; every panel shows the same
  /// κ range, so the targets can be compared at a glance.
  public init(data profiles: [DataProfile], title: String) {
    let kappas = profiles.flatMap { $0.kappas.joined() }.filter { $0.isFinite && $0 > 0 }
    let lower = kappas.min() ?? 1
    let range = lower...Swift.max(lower * 2, (kappas.max() ?? 1) * 1.5)
    self.init(
      title: title, solvers: profiles.first?.solvers ?? [],
      panels: profiles.map {
        Panel(
          title: "ε = \(TableFormatter.format($0.target))", steps: $0.steps, xRange: range)
      },
      xLabel: "κ, evaluations ÷ (n + 1)", yLabel: "fraction solved within κ")
  }

  public func svg() -> String {
    let columnCount = Swift.max(1, Swift.min(columns, panels.count))
    let rowCount = (panels.count + columnCount - 1) / columnCount
    let width = Double(columnCount) * panelWidth + legendWidth
    let height = 44 + Double(Swift.max(rowCount, 1)) * panelHeight + (note.isEmpty ? 0 : 14)
    var canvas = SVGCanvas(width: width, height: height)
    canvas.title(title, centre: (width - legendWidth) / 2)
    for (i, panel) in panels.enumerated() {
      let (row, column) = (Double(i / columnCount), Double(i % columnCount))
      let area = PlotArea(
        left: column * panelWidth + 74, top: 44 + row * panelHeight + 24,
        width: panelWidth - 74 - 14, height: panelHeight - 24 - 56)
      draw(panel, in: area, clipID: "profile-\(i)", on: &canvas)
    }
    let entries = solvers.indices.map { s in
      LegendEntry(
        label: solvers[s],
        symbol: .series(color: Palette.color(s), dash: Palette.dash(s), marker: Palette.marker(s)))
    }
    canvas.legend(entries, x: width - legendWidth + 16, y: 68)
    if !note.isEmpty {
      canvas.text(
        XMLText.escape(note), x: 8, y: height - 8, anchor: "start", size: 10,
        extra: "fill=\"#555555\"")
    }
    return canvas.document
  }

  private func draw(_ panel: Panel, in area: PlotArea, clipID: String, on canvas: inout SVGCanvas) {
    // The data stop short of the frame, so a line along 0 or 1 or at τ = 1 stays visible.
    let inset = 5.0
    let x = LogScale(
      base: 2, lower: panel.xRange.lowerBound, upper: panel.xRange.upperBound,
      start: area.left + inset,
      end: area.right - inset)
    let y = LinearScale(
      lower: 0, upper: 1, start: area.bottom - inset, end: area.top + inset, nice: false,
      tickCount: 5)
    canvas.axes(area, x: x, y: y, xLabel: xLabel, yLabel: yLabel, grid: true)
    canvas.text(
      XMLText.escape(panel.title), x: area.left + area.width / 2, y: area.top - 8, size: 13,
      extra: "font-weight=\"bold\"")
    canvas.clipPath(id: clipID, area: area)
    canvas.append("<g clip-path=\"url(#\(clipID))\">")
    for (s, steps) in panel.steps.enumerated() {
      var points = [(x.start, y.pixel(0))]
      var level = 0.0
      for step in steps {
        let px = x.pixel(step.x)
        points.append((px, y.pixel(level)))
        level = step.fraction
        points.append((px, y.pixel(level)))
      }
      points.append((x.end, y.pixel(level)))
      canvas.polyline(points, stroke: Palette.color(s), width: 2, dash: Palette.dash(s))
      if let last = steps.last {
        canvas.marker(
          Palette.marker(s), x: x.pixel(last.x), y: y.pixel(last.fraction), size: 7,
          color: Palette.color(s))
      }
    }
    canvas.append("</g>")
  }
}
