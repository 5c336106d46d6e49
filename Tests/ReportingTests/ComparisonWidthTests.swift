import Autodiff
import Foundation
import OptimizationCore
import Solvers
import Testing

@testable import Reporting

/// The comparison table on a narrow terminal, its times and its closing line.
@Suite struct ComparisonWidthTests {
  /// A header line's column names (they are two or more spaces apart).
  func columns(_ header: Substring) -> [String] {
    header.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  @Test func durationsCarryUnits() {
    // Three significant digits of the value in the largest unit that keeps it ≥ 1, by hand.
    #expect(TableFormatter.duration(0.000192527) == "193 µs")
    #expect(TableFormatter.duration(8.5e-7) == "850 ns")
    #expect(TableFormatter.duration(0.0012) == "1.20 ms")
    #expect(TableFormatter.duration(12.345) == "12.3 s")
    #expect(TableFormatter.duration(1234.5) == "1230 s")
    // 999.6 µs rounds to 1.00 ms, not to "1000 µs".
    #expect(TableFormatter.duration(0.0009996) == "1.00 ms")
    #expect(TableFormatter.duration(0) == "0 s")
    #expect(TableFormatter.duration(.nan) == "NaN")
  }

  @Test func columnsInDropOrderGoFirstAndAreNamed() {
    var table = TableFormatter(headers: ["name", "a", "b", "c"], maxWidth: 16)
    table.dropOrder = [2, 1]
    let fitted = table.fitted([[.text("solver"), .integer(1234), .integer(5678), .integer(9)]])
    // Everything is 6 + 2 + 4 + 2 + 4 + 2 + 1 = 21 wide; without b it is 15.
    #expect(fitted.omitted == ["b"])
    #expect(fitted.text == "name       a  c\n---------------\nsolver  1234  9\n")
  }

  /// Eighteen runs with the catalog's longest names and the widest values a run can show.
  func wideRuns() -> [RunSummary] {
    (0..<18).map { k in
      RunSummary(
        solver: k == 0 ? "newton-trust-region" : "gsl-vector-bfgs\(k)",
        status: k % 2 == 0 ? .gradientTolerance : .lineSearchFailed, iterations: 1000,
        f: -1.23456789e-100, fError: 1.23456789e-100, xError: 1.23456789e-100,
        gradientNorm: -1.23456789e-100,
        counts: EvaluationCounts(f: 10001, gradient: 10001, hessian: 1001), seconds: 0.000192527,
        endedAt: "local-12 (f = 840.000001)")
    }
  }

  @Test func aWideTableFitsA120ColumnTerminalAndSaysWhatItLeftOut() {
    let text = TableFormatter.comparison(wideRuns(), maxWidth: 120)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.allSatisfy { $0.count <= 120 }, "\(lines.map(\.count))")
    // Names and statuses whole: columns went before any text was cut.
    #expect(lines[2].hasPrefix("newton-trust-region  gradient-tolerance"))
    #expect(!text.contains("…"))
    #expect(
      columns(lines[0][...])
        == ["solver", "status", "iter", "f - f*", "evals f/g/H", "time", "ended at"])
    #expect(lines[2].contains("193 µs") && lines[2].contains("10001/10001/1001"))
    let note = try! #require(lines.last)
    #expect(note.hasPrefix("(f, |x - x*|"), "\(note)")
    #expect(note.contains("--format json"))
  }

  @Test func aWideTerminalShowsEveryColumnAndNoNote() {
    let text = TableFormatter.comparison(wideRuns(), maxWidth: 300)
    #expect(
      columns(text.split(separator: "\n")[0])
        == [
          "solver", "status", "iter", "f", "f - f*", "|x - x*|", "|grad|", "evals f/g/H", "time",
          "ended at",
        ])
    #expect(!text.contains("left out"))
  }

  @Test func withoutAKnownMinimumFStaysAndTheErrorColumnsGo() {
    let runs = [
      RunSummary(
        solver: "bfgs", status: .gradientTolerance, iterations: 3, f: 2.5, gradientNorm: 1e-9,
        counts: EvaluationCounts(f: 4, gradient: 4), seconds: 1e-3)
    ]
    // 6 + 18 + 4 + 3 + 6 + 11 + 7 characters and 6 gaps of 2 make 67: |grad| goes, f stays.
    let text = TableFormatter.comparison(runs, maxWidth: 60)
    #expect(
      columns(text.split(separator: "\n")[0])
        == ["solver", "status", "iter", "f", "evals f/g/H", "time"])
    // The note under the table is wrapped to the width too.
    let lines = text.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines)")
    #expect(
      lines.suffix(2).joined(separator: " ")
        == "(|grad| left out to fit 60 columns; summary.csv, --format csv and --format json "
        + "have every column)")
  }

  func run(_ solver: String, endedAt: String?, counts: EvaluationCounts, seconds: Double)
    -> RunSummary
  {
    RunSummary(
      solver: solver, status: .gradientTolerance, iterations: 1, f: 3, fError: 0,
      gradientNorm: 0, counts: counts, seconds: seconds, endedAt: endedAt)
  }

  @Test func theClosingLineNamesTheCheapestAndTheFastestAtTheGlobalMinimum() {
    let runs = [
      // The cheapest of all, but it ended elsewhere.
      run("sgd", endedAt: "local-1", counts: EvaluationCounts(f: 1, gradient: 1), seconds: 1e-6),
      // 10 + 10 + 4 = 24 evaluations.
      run(
        "newton", endedAt: "global", counts: EvaluationCounts(f: 10, gradient: 10, hessian: 4),
        seconds: 3e-4),
      run("bfgs", endedAt: "global", counts: EvaluationCounts(f: 14, gradient: 10), seconds: 2e-4),
      run("cg-pr", endedAt: "global", counts: EvaluationCounts(f: 30, gradient: 30), seconds: 9e-4),
    ]
    let line = TableFormatter.bestRuns(runs, globalMinimumKnown: true)
    #expect(
      line
        == "3 of 4 runs reached the global minimum; fewest evaluations (f + ∇f + ∇²f): "
        + "newton, bfgs (24); least time: bfgs (200 µs).\n")
    let wrapped = TableFormatter.bestRuns(runs, globalMinimumKnown: true, maxWidth: 60)
    #expect(wrapped.split(separator: "\n").allSatisfy { $0.count <= 60 })
    #expect(wrapped.replacingOccurrences(of: "\n", with: " ") == line.dropLast() + " ")
  }

  @Test func theClosingLineSaysWhenNoRunReachedIt() {
    let runs = [
      run("sgd", endedAt: "local-1", counts: EvaluationCounts(f: 1, gradient: 1), seconds: 1e-6),
      run("adam", endedAt: nil, counts: EvaluationCounts(f: 1, gradient: 1), seconds: 1e-6),
    ]
    #expect(
      TableFormatter.bestRuns(runs, globalMinimumKnown: true)
        == "None of the 2 runs reached the global minimum.\n")
    #expect(
      TableFormatter.bestRuns(runs, globalMinimumKnown: false)
        == "The global minimum is not known, so no run is named best.\n")
  }
}
