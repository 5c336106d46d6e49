import Testing

@testable import Reporting

@Suite struct ProfileFigureTests {
  @Test func everySolverHasItsOwnColourAndDashAndIsNamed() throws {
    let solvers = (0..<9).map { "solver <\($0)>" }
    let outcomes = FakeSweep.outcomes(solvers: solvers, instanceCount: 4)
    let table = try SweepCostTable(outcomes: outcomes, targets: FakeSweep.targets)
    let profiles = try table.targets.indices.map {
      try PerformanceProfile(table: table, target: $0, cost: .evaluations)
    }
    let svg = ProfileFigure(performance: profiles, title: "t").svg()
    #expect(XMLCheck.parse(svg) != nil)
    let styles = Set(solvers.indices.map { "\(Palette.color($0))|\(Palette.dash($0))" })
    #expect(styles.count == solvers.count)
    for s in solvers.indices {
      #expect(svg.contains("&lt;\(s)&gt;"))
      // One step line per panel, and one in the legend.
      let stroke = "stroke=\"\(Palette.color(s))\" stroke-width=\"2\""
      let dash = Palette.dash(s).isEmpty ? "" : " stroke-dasharray=\"\(Palette.dash(s))\""
      let lines = svg.components(separatedBy: "\n").filter {
        $0.hasPrefix("<polyline") && $0.contains(stroke)
          && $0.hasSuffix("\(stroke) stroke-linejoin=\"round\" stroke-linecap=\"round\"\(dash)/>")
      }
      #expect(lines.count == 3 + 1)
    }
  }

  @Test func log2TicksArePowersOfTwo() {
    let scale = LogScale(base: 2, lower: 1, upper: 40, start: 0, end: 600)
    #expect(scale.ticks.map(\.value) == [1, 2, 4, 8, 16, 32, 64])
    #expect(scale.pixel(8) == 300)  // 2³ halfway between 2⁰ and 2⁶
  }
}
