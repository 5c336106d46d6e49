import Foundation

/// A contour plot of f(x, y) with optimization trajectories drawn over it, as an SVG document.
///
/// Contour levels come from f sampled on a `gridSize` × `gridSize` grid over the bounds.
/// Linear levels are evenly spaced between the grid's least value and its 95th percentile
/// (so a few huge values at the edges do not squeeze every line into one corner). Log levels
/// are evenly spaced in log(f − fmin + ε), with ε = 10⁻⁶ (fmax − fmin), which spreads lines
/// over the orders of magnitude of valleys like Rosenbrock's. Lines run from dark (low f) to
/// light grey (high f), leaving colour to the trajectories.
///
/// Each trajectory gets a colour, dash pattern and marker (`SeriesStyle`, by its family); its
/// start is an open circle and its end the series' marker, and the legend lists the
/// trajectories family by family. Known minima are yellow stars with their labels. Everything
/// outside the bounds is clipped; where a path leaves them, an arrowhead on the frame in the
/// run's colour points the way it went.
public struct ContourPlot {
  /// A run's path through the plane.
  public struct Trajectory: Sendable {
    public var label: String
    public var points: [(x: Double, y: Double)]
    /// The solver's family, for styles and the legend; "" for none.
    public var group: String
    public init(label: String, points: [(x: Double, y: Double)], group: String = "") {
      self.label = label
      self.points = points
      self.group = group
    }
  }

  /// A labelled point: a known minimum.
  public struct Marker: Sendable {
    public var label: String
    public var x: Double
    public var y: Double
    public init(label: String, x: Double, y: Double) {
      self.label = label
      self.x = x
      self.y = y
    }
  }

  public var title: String
  public var function: (Double, Double) -> Double
  public var xRange: ClosedRange<Double>
  public var yRange: ClosedRange<Double>
  public var logScale: Bool
  public var trajectories: [Trajectory]
  public var minima: [Marker]
  public var xLabel = "x"
  public var yLabel = "y"
  /// Grid points along each axis.
  public var gridSize = 120
  /// Number of contour levels.
  public var levelCount = 20
  public var width = 780.0
  public var height = 600.0

  public init(
    title: String, function: @escaping (Double, Double) -> Double,
    xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, logScale: Bool = false,
    trajectories: [Trajectory] = [], minima: [Marker] = []
  ) {
    self.title = title
    self.function = function
    self.xRange = xRange
    self.yRange = yRange
    self.logScale = logScale
    self.trajectories = trajectories
    self.minima = minima
  }

  /// The function values at which contour lines are drawn, lowest first.
  public func levels(of grid: MarchingSquares.Grid) -> [Double] {
    let finite = grid.values.joined().filter(\.isFinite).sorted()
    guard let fmin = finite.first, let fmax = finite.last, fmax > fmin, levelCount > 0 else {
      return []
    }
    let n = Double(levelCount)
    if logScale {
      let epsilon = (fmax - fmin) * 1e-6
      let lo = log(epsilon)
      let hi = log(fmax - fmin + epsilon)
      return (1...levelCount).map { k in
        fmin + exp(lo + (hi - lo) * (Double(k) - 0.5) / n) - epsilon
      }
    }
    let top = finite[min(finite.count - 1, Int(Double(finite.count - 1) * 0.95))]
    let upper = top > fmin ? top : fmax
    return (1...levelCount).map { k in fmin + (upper - fmin) * (Double(k) - 0.5) / n }
  }

  /// The plot as an SVG document.
  public func svg() -> String {
    let styles = SeriesStyle.assign(groups: trajectories.map(\.group))
    var legend =
      GroupedLegend(
        labels: trajectories.map(\.label), groups: trajectories.map(\.group), styles: styles
      ).entries
    if !trajectories.isEmpty { legend.append(LegendEntry(label: "start", symbol: .openCircle)) }
    let exits = trajectories.map { FrameExits.exits(of: $0.points, x: xRange, y: yRange) }
    if exits.contains(where: { !$0.isEmpty }) {
      legend.append(LegendEntry(label: "left the plot here", symbol: .exit))
    }
    if !minima.isEmpty { legend.append(LegendEntry(label: "known minimum", symbol: .star)) }
    // Taller when the legend needs it, so that it ends above the note on the contours.
    let height = max(self.height, 44 + SVGCanvas.legendHeight(legend) + 30 + 64)
    var canvas = SVGCanvas(width: width, height: height)
    let area = PlotArea(left: 80, top: 44, width: width - 80 - 200, height: height - 44 - 64)
    let xScale = LinearScale(
      lower: xRange.lowerBound, upper: xRange.upperBound, start: area.left, end: area.right,
      nice: false)
    let yScale = LinearScale(
      lower: yRange.lowerBound, upper: yRange.upperBound, start: area.bottom, end: area.top,
      nice: false)
    func pixel(_ x: Double, _ y: Double) -> (Double, Double) {
      (xScale.pixel(x), yScale.pixel(y))
    }

    canvas.title(title, centre: area.left + area.width / 2)
    canvas.clipPath(id: "plot-area", area: area)
    canvas.append("<g clip-path=\"url(#plot-area)\">")

    let grid = MarchingSquares.Grid(function, x: xRange, y: yRange, count: gridSize)
    let levels = levels(of: grid)
    for (k, level) in levels.enumerated() {
      let shade = levels.count > 1 ? Double(k) / Double(levels.count - 1) : 0
      let grey = String(
        format: "#%02x%02x%02x", Int(70 + 130 * shade), Int(70 + 130 * shade), Int(70 + 130 * shade)
      )
      let lines = MarchingSquares.polylines(MarchingSquares.segments(grid, level: level))
      for line in lines {
        canvas.polyline(line.map { pixel($0.x, $0.y) }, stroke: grey, width: 0.8)
      }
    }

    // Stars under the runs, so that the end markers of runs that reached a minimum (which tell
    // them apart) stay visible; the labels go on top.
    for minimum in minima where minimum.x.isFinite && minimum.y.isFinite {
      let p = pixel(minimum.x, minimum.y)
      canvas.star(x: p.0, y: p.1, radius: 8)
    }
    for (i, trajectory) in trajectories.enumerated() {
      let color = styles[i].color
      // Cut to the bounds first: a non-finite point breaks the line, and a line that leaves
      // ends on the frame, where it really crosses it.
      for piece in SegmentClipping.pieces(of: trajectory.points, x: xRange, y: yRange) {
        canvas.polyline(
          piece.map { pixel($0.x, $0.y) }, stroke: color, width: 2, dash: styles[i].dash)
      }
      let finite = trajectory.points.filter { $0.x.isFinite && $0.y.isFinite }
      if let first = finite.first {
        let p = pixel(first.x, first.y)
        canvas.marker(.circle, x: p.0, y: p.1, size: 9, color: color, filled: false)
      }
      if let last = finite.last {
        let p = pixel(last.x, last.y)
        canvas.marker(styles[i].marker, x: p.0, y: p.1, size: 9, color: color)
      }
    }

    for minimum in minima where minimum.x.isFinite && minimum.y.isFinite {
      let p = pixel(minimum.x, minimum.y)
      canvas.text(
        XMLText.escape(minimum.label), x: p.0 + 10, y: p.1 - 8, anchor: "start", size: 11,
        extra: "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"")
    }
    canvas.append("</g>")

    canvas.axes(area, x: xScale, y: yScale, xLabel: xLabel, yLabel: yLabel, grid: false)

    // Over the frame, so that half of each mark shows outside it.
    var marks: [SVGCanvas.ExitMark] = []
    for (i, runExits) in exits.enumerated() {
      for exit in runExits {
        let p = pixel(exit.x, exit.y)
        // Pixel y grows downwards; the scales stretch the axes differently.
        let length = max(abs(exit.dx), abs(exit.dy))
        marks.append(
          SVGCanvas.ExitMark(
            x: p.0, y: p.1,
            dx: exit.dx / length * area.width / (xRange.upperBound - xRange.lowerBound),
            dy: -exit.dy / length * area.height / (yRange.upperBound - yRange.lowerBound),
            color: styles[i].color))
      }
    }
    canvas.exitMarks(marks)

    canvas.legend(legend, x: area.right + 20, y: area.top)
    canvas.text(
      logScale ? "contours: log-spaced in f" : "contours: evenly spaced in f",
      x: area.right + 20, y: area.bottom, anchor: "start", size: 10, extra: "fill=\"#555555\"")
    return canvas.document
  }
}
