import Autodiff
import Foundation
import OptimizationCore
import Solvers
import Testing

@testable import Reporting

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses a document and collects every text node, failing on malformed XML.
final class XMLCheck: NSObject, XMLParserDelegate {
  var text = ""
  var elements: [String: Int] = [:]

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    elements[elementName, default: 0] += 1
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

  static func parse(_ document: String) -> XMLCheck? {
    let check = XMLCheck()
    let parser = XMLParser(data: Data(document.utf8))
    parser.delegate = check
    return parser.parse() ? check : nil
  }
}

@Suite struct SVGTests {
  let awkwardLabel = "a<b & \"c\" > 'd'"

  func contourPlot() -> ContourPlot {
    // Rosenbrock's function and a made-up path that leaves the bounds and comes back.
    ContourPlot(
      title: "Rosenbrock & friends",
      function: { x, y in (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) },
      xRange: -2...2, yRange: -1...3, logScale: true,
      trajectories: [
        .init(label: awkwardLabel, points: [(-1.2, 1), (-0.5, 0.2), (5, 9), (0.8, 0.6), (1, 1)]),
        .init(label: "second run", points: [(0, 0), (.nan, 1), (0.5, 0.25), (1, 1)]),
      ],
      minima: [.init(label: "global <min>", x: 1, y: 1)])
  }

  func convergencePlot() -> ConvergencePlot {
    ConvergencePlot(
      title: "Convergence",
      series: [
        .init(
          label: awkwardLabel,
          points: (0...20).map {
            .init(iteration: $0, evaluations: 2 * $0, f: pow(0.1, Double($0)))
          }),
        .init(
          label: "stalls",
          points: [
            .init(iteration: 0, evaluations: 1, f: 1), .init(iteration: 1, evaluations: 3, f: .nan),
            .init(iteration: 2, evaluations: 5, f: 0),
          ]),
      ], fStar: 0)
  }

  @Test func contourPlotIsWellFormedWithEscapedLabels() throws {
    let svg = contourPlot().svg()
    let check = try #require(XMLCheck.parse(svg))
    // The parser unescapes entities, so the label comes back as written.
    #expect(check.text.contains(awkwardLabel))
    #expect(check.text.contains("global <min>"))
    #expect(check.text.contains("Rosenbrock & friends"))
    #expect(svg.contains("a&lt;b &amp; &quot;c&quot; &gt; &apos;d&apos;"))
    #expect(svg.contains("clip-path=\"url(#plot-area)\""))
    #expect((check.elements["polyline"] ?? 0) > 20)  // contour lines and trajectories
  }

  @Test func convergencePlotIsWellFormedWithEscapedLabels() throws {
    let plot = convergencePlot()
    for svg in [plot.svg(), plot.svg(against: .iterations), plot.svg(against: .evaluations)] {
      let check = try #require(XMLCheck.parse(svg))
      #expect(check.text.contains(awkwardLabel))
      #expect(check.text.contains("stalls"))
      #expect(!svg.contains("nan") && !svg.contains("inf"))
    }
  }

  @Test func outputIsDeterministic() {
    #expect(contourPlot().svg() == contourPlot().svg())
    #expect(convergencePlot().svg() == convergencePlot().svg())
  }

  @Test func convergenceValuesAreFlooredAndNonFiniteSkipped() {
    let plot = convergencePlot()
    let stalls = plot.plotted(plot.series[1], against: .evaluations)
    #expect(stalls.map(\.x) == [1, 5])
    #expect(stalls.map(\.y) == [1, 1e-16])
    // 0.1^k − 0 for k = 0…20: all above the floor, so unchanged.
    let first = plot.plotted(plot.series[0], against: .iterations)
    #expect(first.count == 21 && first[3].y == pow(0.1, 3))
  }

  @Test func withoutFStarTheBestValueIsTheReference() {
    let plot = ConvergencePlot(
      title: "t",
      series: [
        .init(label: "a", points: [.init(iteration: 0, evaluations: 1, f: 5)]),
        .init(label: "b", points: [.init(iteration: 0, evaluations: 1, f: 3)]),
      ])
    #expect(plot.reference == 3)
    #expect(plot.plotted(plot.series[0], against: .iterations).map(\.y) == [2])
  }

  @Test func seriesFromAResultCountsFAndGradientEvaluations() {
    let trace = [
      IterationRecord<Float>(
        iteration: 0, f: 2, gradientNorm: 1, stepLength: 0, x: [0],
        counts: EvaluationCounts(f: 1, gradient: 1, hessian: 7), elapsed: 0)
    ]
    let result = SolverResult<Float>(
      solver: "newton", status: .iterationLimit, message: "", x: [0], f: 2, gradientNorm: 1,
      iterations: 0, counts: trace[0].counts, elapsed: 0, trace: trace)
    let series = ConvergencePlot.Series(result)
    #expect(series.label == "newton")
    #expect(series.points == [.init(iteration: 0, evaluations: 2, f: 2)])
  }

  @Test func xmlEscaping() {
    #expect(
      XMLText.escape("x < 1 && y > \"2\" 'z'")
        == "x &lt; 1 &amp;&amp; y &gt; &quot;2&quot; &apos;z&apos;")
    #expect(XMLText.escape("bell\u{7}tab\t") == "bell\u{FFFD}tab\t")
  }
}

@Suite struct AxisTests {
  @Test func niceSteps() {
    // 1, 2, 2.5 or 5 times a power of ten, the first at least the raw step.
    #expect(LinearScale.niceStep(2.83) == 5)
    #expect(LinearScale.niceStep(0.3) == 0.5)
    #expect(LinearScale.niceStep(1.9) == 2)
    #expect(LinearScale.niceStep(2.2) == 2.5)
    #expect(LinearScale.niceStep(7) == 10)
  }

  @Test func linearTicksCoverTheWidenedRange() {
    let scale = LinearScale(lower: 0, upper: 17, start: 0, end: 100, nice: true)
    #expect(scale.ticks.map(\.value) == [0, 5, 10, 15, 20])
    #expect(scale.ticks.map(\.label) == ["0", "5", "10", "15", "20"])
    #expect(scale.pixel(10) == 50)
  }

  @Test func tickLabelsShowJustEnoughDecimals() {
    #expect(SVGNumber.tick(0.3, step: 0.1) == "0.3")
    #expect(SVGNumber.tick(0.5, step: 0.25) == "0.50")
    #expect(SVGNumber.tick(-0.0, step: 0.5) == "0.0")  // no minus sign on zero
    #expect(SVGNumber.tick(7.5, step: 2.5) == "7.5")
    #expect(SVGNumber.tick(2_000_000, step: 1_000_000) == "2e+06")
  }

  @Test func fixedBoundsAreKept() {
    let scale = LinearScale(lower: -2, upper: 2, start: 0, end: 400, nice: false)
    #expect(scale.pixel(-2) == 0 && scale.pixel(2) == 400)
    #expect(scale.ticks.map(\.value) == [-2, -1, 0, 1, 2])
  }

  @Test func logScaleSpansWholeDecades() {
    let scale = LogScale(lower: 3e-5, upper: 20, start: 0, end: 70)
    // Decades 10⁻⁵ to 10²: seven of them over 70 pixels.
    #expect(scale.lowerPower == -5 && scale.upperPower == 2)
    #expect(abs(scale.pixel(1e-3) - 20) < 1e-9)
    #expect(scale.ticks.count == 8)
  }

  @Test func pixelsAreStableAndFinite() {
    #expect(SVGNumber.pixel(12.345) == "12.35" || SVGNumber.pixel(12.345) == "12.34")
    #expect(SVGNumber.pixel(3.10) == "3.1")
    #expect(SVGNumber.pixel(-0.001) == "0")
    #expect(SVGNumber.pixel(.infinity) == "100000")
    #expect(SVGNumber.pixel(-12.5) == "-12.5" && SVGNumber.pixel(-0.07) == "-0.07")
  }

  /// The hand-written pixel format against printf's `%.2f` (trailing zeros trimmed) at every
  /// scale of the canvas; the two may differ only where the value is a hair from a tie.
  @Test func pixelsMatchPrintfToTwoDecimals() {
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<20_000 {
      let scale = [1e-3, 0.1, 1, 10, 1000, 100_000].randomElement(using: &generator)!
      let value = Double.random(in: -scale...scale, using: &generator)
      var expected = String(format: "%.2f", value)
      if expected.contains(".") {
        while expected.hasSuffix("0") { expected.removeLast() }
        if expected.hasSuffix(".") { expected.removeLast() }
      }
      if expected == "-0" { expected = "0" }
      let hundredths = value * 100
      let nearTie = abs(abs(hundredths - hundredths.rounded(.down)) - 0.5) < 1e-6
      if !nearTie { #expect(SVGNumber.pixel(value) == expected, "\(value)") }
    }
  }
}

@Suite struct ContourLevelTests {
  let grid = MarchingSquares.Grid({ x, _ in x }, x: 0...100, y: 0...1, count: 101)

  @Test func linearLevelsAreEvenlySpacedBelowThe95thPercentile() {
    let plot = ContourPlot(title: "", function: { x, _ in x }, xRange: 0...100, yRange: 0...1)
    let levels = plot.levels(of: grid)
    #expect(levels.count == plot.levelCount)
    // Values 0…100 in steps of 1; the 95th percentile is 95: midpoints of 20 bins of 4.75.
    #expect(abs(levels[0] - 2.375) < 1e-12)
    #expect(abs(levels[19] - 92.625) < 1e-12)
  }

  @Test func logLevelsHaveAConstantRatioAboveTheMinimum() {
    let plot = ContourPlot(
      title: "", function: { x, _ in x }, xRange: 0...100, yRange: 0...1, logScale: true)
    let levels = plot.levels(of: grid)
    let epsilon = 100 * 1e-6
    let ratios = zip(levels, levels.dropFirst()).map { ($1 + epsilon) / ($0 + epsilon) }
    // (100 + ε)/ε spread over 20 equal steps in the logarithm.
    let expected = pow((100 + epsilon) / epsilon, 1.0 / 20)
    #expect(ratios.allSatisfy { abs($0 - expected) < 1e-9 * expected })
  }
}
