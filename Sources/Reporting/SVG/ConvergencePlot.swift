import Autodiff
import Foundation
import OptimizationCore
import Solvers

/// How fast runs approach the minimum: f − f* on a log axis against iterations and against
/// evaluations of f and ∇f, one line per run, as an SVG document.
///
/// f* is the problem's known minimum when given, else the least f any run reached (the axis
/// label says which). Differences at or below `floor` — zeros, and values a hair under f* from
/// rounding — are drawn at `floor`; non-finite values are skipped. The y axis stops at
/// `yAxisTop`, so one diverging run cannot squash the others into a sliver: its line leaves
/// the top of the plot, marked there by an arrowhead in its colour. Lines are styled by
/// family (`SeriesStyle`) and the legend lists them family by family.
public struct ConvergencePlot: Sendable {
  /// One iteration of a run.
  public struct Point: Sendable, Equatable {
    public var iteration: Int
    /// f evaluations plus gradient evaluations so far.
    public var evaluations: Int
    public var f: Double
    public init(iteration: Int, evaluations: Int, f: Double) {
      self.iteration = iteration
      self.evaluations = evaluations
      self.f = f
    }
  }

  /// One run's line.
  public struct Series: Sendable {
    public var label: String
    public var points: [Point]
    /// The solver's family, for styles and the legend; "" for none.
    public var group: String
    public init(label: String, points: [Point], group: String = "") {
      self.label = label
      self.points = points
      self.group = group
    }

    /// The series of a result's trace, labelled by its solver unless a label is given.
    public init<T: SolverScalar>(_ result: SolverResult<T>, label: String? = nil) {
      self.label = label ?? result.solver
      self.group = ""
      self.points = result.trace.map {
        Point(
          iteration: $0.iteration, evaluations: $0.counts.f + $0.counts.gradient, f: Double($0.f))
      }
    }
  }

  /// The horizontal axis of a panel.
  public enum Axis: Sendable, CaseIterable {
    case iterations, evaluations
  }

  public var title: String
  public var series: [Series]
  /// The known minimum value; nil uses the best f of all series.
  public var fStar: Double?
  public var floor = 1e-16
  /// Draws the iterations axis on a log scale, at iteration + 1 (so the start, iteration 0,
  /// sits at 1): for runs whose lengths differ by orders of magnitude.
  public var logIterations = false
  public var panelWidth = 520.0
  public var height = 440.0

  public init(title: String, series: [Series], fStar: Double? = nil) {
    self.title = title
    self.series = series
    self.fStar = fStar
  }

  /// The reference value f − f* is measured from.
  public var reference: Double {
    if let fStar { return fStar }
    return series.flatMap { $0.points.map(\.f) }.filter(\.isFinite).min() ?? 0
  }

  /// The plotted points of a series against an axis: (x, max(f − f*, floor)), finite only.
  public func plotted(_ series: Series, against axis: Axis) -> [(x: Double, y: Double)] {
    let reference = reference
    return series.points.compactMap { point in
      let difference = point.f - reference
      guard difference.isFinite else { return nil }
      let x = Double(axis == .iterations ? point.iteration : point.evaluations)
      return (x, Swift.max(difference, floor))
    }
  }

  /// The largest f − f* the y axis shows: 10 × the largest starting f − f* over the series
  /// (nil when no series has a finite start above the floor; then the data set the range).
  public var yAxisTop: Double? {
    let reference = reference
    let starts = series.compactMap { $0.points.first.map { $0.f - reference } }
    guard let largest = starts.filter({ $0.isFinite && $0 > floor }).max() else { return nil }
    return 10 * largest
  }

  /// Both panels side by side, iterations on the left and evaluations on the right, with one
  /// legend.
  public func svg() -> String { svg(panels: [.iterations, .evaluations]) }

  /// A single panel.
  public func svg(against axis: Axis) -> String { svg(panels: [axis]) }

  private func svg(panels: [Axis]) -> String {
    let legendWidth = 200.0
    let width = panelWidth * Double(panels.count) + legendWidth
    let styles = SeriesStyle.assign(groups: series.map(\.group))
    var legend = GroupedLegend(
      labels: series.map(\.label), groups: series.map(\.group), styles: styles
    ).entries
    var anyExit = false
    // Room for the legend and the note under it.
    let height = Swift.max(self.height, 44 + SVGCanvas.legendHeight(legend) + 70)
    var canvas = SVGCanvas(width: width, height: height)
    canvas.title(title, centre: (width - legendWidth) / 2)
    let yLabel = fStar == nil ? "f − f_best" : "f − f*"

    for (p, axis) in panels.enumerated() {
      let area = PlotArea(
        left: panelWidth * Double(p) + 80, top: 44, width: panelWidth - 80 - 20,
        height: height - 44 - 64)
      let lines = series.map { plotted($0, against: axis) }
      let all = lines.joined()
      let xs = all.map(\.x)
      let ys = all.map(\.y)
      // The data stop short of the frame so that points on the floor or at the start stay
      // clear of it.
      let inset = 8.0
      let logX = logIterations && axis == .iterations
      let xShift: Double = logX ? 1 : 0
      let xScale: any AxisScale =
        logX
        ? LogScale(
          lower: 1, upper: (xs.max() ?? 0) + 1, start: area.left + inset, end: area.right - inset)
        : LinearScale(
          lower: 0, upper: xs.max() ?? 1, start: area.left + inset, end: area.right - inset,
          nice: true)
      let top = yAxisTop ?? .infinity
      let yScale = LogScale(
        lower: Swift.min(ys.min() ?? floor, top), upper: Swift.min(ys.max() ?? 1, top),
        start: area.bottom - inset, end: area.top + inset)
      // Values above the axis are drawn a decade past its top, outside the clip area, so a
      // diverging line runs off the top edge instead of to a far-away pixel.
      let ceiling = pow(10, Double(yScale.upperPower + 1))
      canvas.axes(
        area, x: xScale, y: yScale,
        xLabel: axis == .evaluations
          ? "evaluations of f and ∇f" : logX ? "iteration + 1" : "iteration",
        yLabel: yLabel,
        grid: true)
      let clipID = "panel-\(p)"
      canvas.clipPath(id: clipID, area: area)
      canvas.append("<g clip-path=\"url(#\(clipID))\">")
      for (i, line) in lines.enumerated() {
        let pixels = line.map {
          (xScale.pixel($0.x + xShift), yScale.pixel(Swift.min($0.y, ceiling)))
        }
        canvas.polyline(pixels, stroke: styles[i].color, width: 2, dash: styles[i].dash)
        // A handful of markers along each line, and one at its end.
        let stride = Swift.max(1, pixels.count / 6)
        var marked = Array(Swift.stride(from: 0, to: pixels.count, by: stride))
        if let last = pixels.indices.last, marked.last != last { marked.append(last) }
        for k in marked {
          canvas.marker(
            styles[i].marker, x: pixels[k].0, y: pixels[k].1, size: 7, color: styles[i].color)
        }
      }
      canvas.append("</g>")
      var marks: [SVGCanvas.ExitMark] = []
      for (i, line) in lines.enumerated() {
        let pixels = line.map { (x: xScale.pixel($0.x + xShift), y: yScale.pixel($0.y)) }
        for exit in FrameExits.exits(
          of: pixels, x: area.left...area.right, y: area.top...area.bottom)
        {
          marks.append(
            SVGCanvas.ExitMark(
              x: exit.x, y: exit.y, dx: exit.dx, dy: exit.dy, color: styles[i].color))
        }
      }
      canvas.exitMarks(marks)
      anyExit = anyExit || !marks.isEmpty
    }

    if anyExit { legend.append(LegendEntry(label: "left the plot here", symbol: .exit)) }
    canvas.legend(legend, x: width - legendWidth + 10, y: 44)
    canvas.text(
      "values ≤ \(TableFormatter.format(floor)) are drawn at \(TableFormatter.format(floor))",
      x: width - legendWidth + 4, y: height - 20, anchor: "start", size: 10,
      extra: "fill=\"#555555\"")
    return canvas.document
  }
}
