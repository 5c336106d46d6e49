import Autodiff
import OptimizationCore
import Solvers
import Testing

@testable import Reporting

@Suite struct TableFormatterTests {
  @Test func numbersInSixSignificantDigits() {
    // The spellings C's printf("%.6g") gives.
    #expect(TableFormatter.format(1_234_567) == "1.23457e+06")
    #expect(TableFormatter.format(0.000123456789) == "0.000123457")
    #expect(TableFormatter.format(1e-12) == "1e-12")
    #expect(TableFormatter.format(-2.5) == "-2.5")
    #expect(TableFormatter.format(100) == "100")
    #expect(TableFormatter.format(.nan) == "NaN")
    #expect(TableFormatter.format(-.infinity) == "-inf")
  }

  @Test func alignedColumnsUnderAHeaderRule() {
    let table = TableFormatter(headers: ["solver", "f", "iter"])
    let text = table.render([
      [.text("bfgs"), .number(0.5), .integer(12)],
      [.text("nelder-mead"), .number(-1e-10), .integer(3)],
    ])
    let expected = """
      solver            f  iter
      -------------------------
      bfgs            0.5    12
      nelder-mead  -1e-10     3

      """
    #expect(text == expected)
  }

  @Test func textIsShortenedToFitButNumbersAreNot() {
    let table = TableFormatter(headers: ["name", "value"], maxWidth: 14)
    let text = table.render([[.text("a-very-long-solver-name"), .number(123456)]])
    // 6 digits + a gap of 2 leaves 6 characters for the name: 5 kept and an ellipsis.
    #expect(text == "name     value\n--------------\na-ver…  123456\n")
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 14 })
  }

  @Test func ansiOnlyWhenAsked() {
    let cells: [[TableFormatter.Cell]] = [[.text("ok", style: .good)]]
    let plain = TableFormatter(headers: ["s"]).render(cells)
    #expect(!plain.contains("\u{1B}"))
    let coloured = TableFormatter(headers: ["s"], ansi: true).render(cells)
    #expect(coloured == "\u{1B}[1ms\u{1B}[0m\n--\n\u{1B}[32mok\u{1B}[0m\n")
  }

  @Test func comparisonOfRuns() {
    let runs = [
      RunSummary(
        solver: "bfgs", status: .gradientTolerance, iterations: 20, f: 3, fError: 0,
        gradientNorm: 1e-9, counts: EvaluationCounts(f: 25, gradient: 21), seconds: 0.002,
        endedAt: "global"),
      RunSummary(
        solver: "gd", status: .diverged, iterations: 4, f: .infinity, gradientNorm: .nan,
        counts: EvaluationCounts(f: 5, gradient: 5), seconds: 0.001),
    ]
    let lines = TableFormatter.comparison(runs).split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[0].hasPrefix("solver  status"))
    #expect(lines[2].contains("gradient-tolerance") && lines[2].hasSuffix("global"))
    #expect(lines[3].contains("diverged") && lines[3].contains("inf"))
    // The status column starts at the same character in every line.
    func offset(of word: String, in line: String) -> Int? {
      line.range(of: word).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
    }
    #expect(offset(of: "status", in: lines[0]) == 8)
    #expect(offset(of: "gradient-tolerance", in: lines[2]) == 8)
    #expect(offset(of: "diverged", in: lines[3]) == 8)
    #expect(lines.allSatisfy { $0.count <= lines[1].count })
  }
}
