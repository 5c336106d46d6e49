import Foundation
import Testing

/// What `optimize` prints for people: the table at the terminal's width, its closing line, and
/// `--quiet`, which silences that but not what `--format json|csv` asks for.
@Suite("the comparison table and --quiet", .serialized)
struct TableOutputTests {
  /// `optimize --problem goldstein` with every solver (18 runs) and no plots.
  func goldstein(_ extra: [String] = [], columns: String) throws -> OptimizeProcess.Outcome {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      ["--problem", "goldstein", "--no-plots"] + extra, in: directory,
      environment: ["COLUMNS": columns])
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    return outcome
  }

  @Test("20 runs fit 120 columns, say what they left out, and end with the best runs")
  func fitsAHundredAndTwentyColumns() throws {
    // COLUMNS empty: the output is a pipe, so the width is the 120 of an unknown terminal.
    for columns in ["120", ""] {
      let outcome = try goldstein(columns: columns)
      let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      let widest = lines.map(\.count).max() ?? 0
      #expect(widest <= 120, "widest line: \(widest)")
      #expect(outcome.stdout.contains("left out to fit 120 columns"))
      // Times carry units (these runs take micro- to milliseconds).
      #expect(outcome.stdout.contains(" µs") || outcome.stdout.contains(" ms"))
      let text = outcome.stdout.replacingOccurrences(of: "\n", with: " ")
      // Hessian–vector products join the count when any run made them (the precision-limit
      // check makes one).
      #expect(
        text.contains(" of 20 runs reached the global minimum; fewest evaluations (f + ∇f + ∇²f")
      )
      #expect(text.contains("; least time: "))
    }
    let wide = try goldstein(columns: "250")
    #expect(!wide.stdout.contains("left out"))
    #expect(wide.stdout.contains("|x - x*|"))
  }

  @Test("--quiet prints nothing with the table, and the document with --format json or csv")
  func quiet() throws {
    let solvers = ["--solver", "bfgs,newton"]
    let table = try goldstein(solvers + ["--quiet"], columns: "120")
    #expect(table.stdout.isEmpty, "\(table.stdout)")
    #expect(table.stderr.isEmpty, "\(table.stderr)")
    let json = try goldstein(solvers + ["--quiet", "--format", "json"], columns: "120")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((document["runs"] as? [Any])?.count == 2)
    let csv = try goldstein(solvers + ["--quiet", "--format", "csv"], columns: "120")
    let rows = csv.stdout.split(separator: "\n")
    #expect(rows.first?.hasPrefix("solver,status,converged") == true)
    #expect(rows.count == 3)
    // The sweep's --quiet likewise.
    let sweep = try OptimizeProcess.run(
      [
        "sweep", "--problem", "goldstein", "--solver", "bfgs", "--output", "sweep", "--quiet",
        "--format", "json",
      ], in: try OptimizeProcess.scratchDirectory())
    #expect(sweep.status == 0, "\(sweep.stderr)")
    #expect(try JSONSerialization.jsonObject(with: Data(sweep.stdout.utf8)) is [String: Any])
  }
}
