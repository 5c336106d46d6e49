import Foundation
import Testing

@testable import Reporting

@Suite struct ConvergencePlotCapTests {
  /// One run converges from f − f* = 100 to 1e-8; the other starts at 10 and blows up to 1e215.
  /// The axis stops at 10 × 100 = 10³, and no pixel lies far above the frame.
  let plot = ConvergencePlot(
    title: "one run diverges",
    series: [
      .init(
        label: "converges",
        points: (0...10).map {
          .init(iteration: $0, evaluations: $0, f: 100 * pow(0.1, Double($0)))
        }),
      .init(
        label: "diverges",
        points: [
          .init(iteration: 0, evaluations: 1, f: 10), .init(iteration: 1, evaluations: 2, f: 1e5),
          .init(iteration: 2, evaluations: 3, f: 1e40),
          .init(iteration: 3, evaluations: 4, f: 1e215),
        ]),
    ], fStar: 0)

  @Test func theTopIsTenTimesTheLargestStartingGap() {
    #expect(plot.yAxisTop == 1000)
  }

  @Test func theAxisStopsAtTheCapAndDivergingPointsLeaveTheTop() throws {
    let svg = plot.svg(against: .iterations)
    #expect(XMLCheck.parse(svg) != nil)
    func decadeLabel(_ n: Int) -> String { "10<tspan dy=\"-5\" font-size=\"9\">\(n)</tspan>" }
    #expect(svg.contains(decadeLabel(2)))
    for n in [4, 5, 40, 215] { #expect(!svg.contains(decadeLabel(n))) }
    // Every polyline coordinate stays within a panel height or so of the 440-pixel canvas.
    let points = svg.components(separatedBy: "<polyline points=\"").dropFirst().map {
      $0.prefix { $0 != "\"" }
    }
    #expect(points.count >= 2)
    let ys = points.flatMap {
      $0.split(separator: " ").compactMap { Double($0.split(separator: ",")[1]) }
    }
    #expect(!ys.isEmpty)
    #expect(ys.allSatisfy { $0 > -440 && $0 < 880 }, "\(ys)")
    #expect(ys.contains { $0 < 44 })  // the diverging line leaves the top of the frame
  }

  @Test func withoutADivergingRunTheDataSetTheRange() {
    let calm = ConvergencePlot(title: "t", series: [plot.series[0]], fStar: 0)
    #expect(calm.yAxisTop == 1000)
    #expect(calm.svg().contains("10<tspan dy=\"-5\" font-size=\"9\">2</tspan>"))
  }

  /// Runs of 10 and 1000 iterations on a log iterations axis: ticks at 1, 10, 100, 1000 (the
  /// axis is iteration + 1), and every point inside the panel horizontally.
  @Test func aLogIterationsAxisSpansTheDecades() throws {
    var plot = ConvergencePlot(
      title: "lengths differ",
      series: [
        .init(
          label: "short",
          points: (0...9).map { .init(iteration: $0, evaluations: $0 + 1, f: 1 / Double($0 + 1)) }),
        .init(
          label: "long",
          points: (0...999).map {
            .init(iteration: $0, evaluations: $0 + 1, f: 1 / Double($0 + 1))
          }),
      ], fStar: 0)
    plot.logIterations = true
    let svg = plot.svg(against: .iterations)
    let check = try #require(XMLCheck.parse(svg))
    #expect(check.text.contains("iteration + 1"))
    // The two data lines come first; the legend's short sample lines follow.
    let xs = svg.components(separatedBy: "<polyline points=\"").dropFirst().prefix(2).flatMap {
      $0.prefix { $0 != "\"" }.split(separator: " ").compactMap {
        Double($0.split(separator: ",")[0])
      }
    }
    #expect(xs.count == 1010)
    // The panel spans pixels 80 to 500 with an inset of 8: iteration 0 (at 1 = 10⁰) sits at the
    // left inset, iteration 999 (at 10³) at the right one.
    #expect(xs.allSatisfy { $0 >= 88 - 1e-6 && $0 <= 492 + 1e-6 })
    #expect(xs.contains { abs($0 - 88) < 0.01 } && xs.contains { abs($0 - 492) < 0.01 })
    for n in 1...3 { #expect(svg.contains("10<tspan dy=\"-5\" font-size=\"9\">\(n)</tspan>")) }
  }
}
