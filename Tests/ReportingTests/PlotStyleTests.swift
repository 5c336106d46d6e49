import Foundation
import Testing

@testable import Reporting

/// Every run told apart in the plots, families kept together, and where paths left the plot.
@Suite struct PlotStyleTests {
  /// The families of `optimize --problem goldstein`'s 18 runs, in the order they run.
  let goldsteinFamilies = [
    "line search", "Newton", "Newton", "first-order", "first-order", "first-order",
    "first-order", "quasi-Newton", "quasi-Newton", "conjugate gradient", "conjugate gradient",
    "direct search", "line search", "conjugate gradient", "conjugate gradient", "quasi-Newton",
    "quasi-Newton", "direct search",
  ]

  @Test func eighteenRunsShareNoStyleAndAFamilySharesItsDash() {
    let styles = SeriesStyle.assign(groups: goldsteinFamilies)
    #expect(Set(styles).count == 18)
    for family in Set(goldsteinFamilies) {
      let members = goldsteinFamilies.indices.filter { goldsteinFamilies[$0] == family }
      #expect(Set(members.map { styles[$0].dash }).count == 1, "\(family)")
      #expect(Set(members.map { styles[$0].color }).count == members.count, "\(family)")
    }
  }

  @Test func seriesWithoutAFamilyLookAsTheSweepReportsSwatchesSayTheyDo() {
    let styles = SeriesStyle.assign(groups: Array(repeating: "", count: 20))
    for (i, style) in styles.enumerated() {
      #expect(style.color == Palette.color(i) && style.dash == Palette.dash(i), "\(i)")
      #expect(style.marker == Palette.marker(i), "\(i)")
    }
  }

  @Test func manyRunsOfOneFamilyStayDistinctUpToEveryCombination() {
    let styles = SeriesStyle.assign(groups: Array(repeating: "", count: 343))
    #expect(Set(styles).count == 343)
  }

  @Test func theLegendListsFamiliesUnderHeadings() {
    let labels = ["sd", "newton", "sgd", "gsl-sd"]
    let groups = ["line search", "Newton", "first-order", "line search"]
    let legend = GroupedLegend(
      labels: labels, groups: groups, styles: SeriesStyle.assign(groups: groups))
    #expect(legend.order == [0, 3, 1, 2])
    #expect(
      legend.entries.map(\.label)
        == ["line search", "sd", "gsl-sd", "Newton", "newton", "first-order", "sgd"])
  }

  @Test func aPathLeavesTheFrameWhereItCrossesIt() {
    // From (0, 0) to (2, 1) the path meets x = 1 at y = 0.5; it comes back in at (0.5, -0.5),
    // which is not an exit, and leaves again through y = −1 going from there to (0.5, −3).
    let path: [(x: Double, y: Double)] = [(0, 0), (2, 1), (0.5, -0.5), (0.5, -3)]
    let exits = FrameExits.exits(of: path, x: -1...1, y: -1...1)
    #expect(exits.count == 2)
    #expect(exits.first.map { [$0.x, $0.y] } == [1, 0.5])
    #expect(exits.last.map { [$0.x, $0.y] } == [0.5, -1])
    // A jump to the largest doubles still gives a finite crossing.
    let far = FrameExits.exits(of: [(0, 0), (1.7e308, 1.7e308)], x: -1...1, y: -1...1)
    #expect(far.map { [$0.x, $0.y] } == [[1, 1]])
  }

  func plot(_ points: [(x: Double, y: Double)]) -> String {
    ContourPlot(
      title: "t", function: { x, y in x * x + y * y }, xRange: -1...1, yRange: -1...1,
      trajectories: [ContourPlot.Trajectory(label: "run", points: points, group: "first-order")]
    ).svg()
  }

  @Test func theContourPlotMarksWhereARunLeftAndSaysSoInTheLegend() throws {
    let leaving = plot([(0, 0), (2, 0)])
    #expect(leaving.contains("left the plot here"))
    #expect(leaving.contains(">first-order</text>"))
    // The mark is the notched arrowhead centred on the right edge, pointing right.
    let area = (left: 80.0, right: 780.0 - 200, top: 44.0, bottom: 600.0 - 64)
    let centre = (x: area.right, y: (area.top + area.bottom) / 2)
    #expect(
      leaving.contains(
        "points=\"\(SVGNumber.pixel(centre.x + 7)),\(SVGNumber.pixel(centre.y)) "
          + "\(SVGNumber.pixel(centre.x - 6)),\(SVGNumber.pixel(centre.y + 6))"))
    let staying = plot([(0, 0), (0.5, 0)])
    #expect(!staying.contains("left the plot here"))
    #expect(try #require(XMLCheck.parse(leaving)).text.contains("left the plot here"))
  }

  @Test func theConvergencePlotMarksALineLeavingThroughTheTop() {
    let series = [
      ConvergencePlot.Series(
        label: "calm",
        points: [
          .init(iteration: 0, evaluations: 1, f: 10), .init(iteration: 1, evaluations: 2, f: 4),
        ]),
      ConvergencePlot.Series(
        label: "diverging",
        points: [
          .init(iteration: 0, evaluations: 1, f: 10), .init(iteration: 1, evaluations: 2, f: 1e9),
        ]),
    ]
    let svg = ConvergencePlot(title: "t", series: series, fStar: 3).svg(against: .iterations)
    #expect(svg.contains("left the plot here"))
    let calm = ConvergencePlot(title: "t", series: [series[0]], fStar: 3).svg(against: .iterations)
    #expect(!calm.contains("left the plot here"))
  }
}

@Suite struct SegmentClippingTests {
  @Test func aLineThatLeavesEndsWhereItCrossesTheFrame() throws {
    // (−0.5, 0.25) → (1130, −7362), a diverging first step on Goldstein–Price: it crosses
    // y = −2 at t = 2.25 / 7362.25, x = −0.5 + 1130.5 t = −0.15450...
    let pieces = SegmentClipping.pieces(
      of: [(-0.5, 0.25), (1130, -7362), (6.7e29, -4e30)], x: -2...2, y: -2...2)
    #expect(pieces.count == 1)
    let end = try #require(pieces.first?.last)
    #expect(end.y == -2)
    #expect(abs(end.x - (-0.5 + 1130.5 * 2.25 / 7362.25)) < 1e-12)
  }

  @Test func aLinePassingThroughIsCutAtBothEnds() throws {
    let pieces = SegmentClipping.pieces(of: [(-3, 0), (3, 0), (3, 5)], x: -1...1, y: -1...1)
    #expect(pieces.map { $0.map { [$0.x, $0.y] } } == [[[-1, 0], [1, 0]]])
    // A non-finite point splits the path.
    let split = SegmentClipping.pieces(
      of: [(0, 0), (0.5, 0), (.nan, 0), (0.5, 0.5), (0, 0.5)], x: -1...1, y: -1...1)
    #expect(split.count == 2)
  }
}
