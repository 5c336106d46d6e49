import Foundation
import Testing

/// `optimize` on bounded problems: the bounded methods run and report their active bounds in
/// the table and the JSON; unbounded methods are refused by name or left out of `all`; bad
/// bounds on the command line get one message and write nothing; `list` says what applies.
@Suite("bounds on the command line")
struct BoundsCommandTests {
  static func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func boundedMethodsReportTheActiveBound() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      [
        "--problem", "rosenbrock-box", "--solver", "lbfgsb,projected-gradient", "--format", "json",
        "--no-plots", "--max-iter", "20000",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let document = try Self.json(outcome.stdout)
    let problem = try #require(document["problem"] as? [String: Any])
    let bounds = try #require(problem["bounds"] as? [String: Any])
    #expect((bounds["upper"] as? [Any])?.first as? Double == 0.5)
    let runs = try #require(document["runs"] as? [[String: Any]])
    #expect(runs.count == 2)
    for run in runs {
      #expect(run["converged"] as? Bool == true, "\(run)")
      #expect(run["ended_at"] as? String == "global", "\(run)")
      let active = try #require(run["active_bounds"] as? [[String: Any]])
      #expect(active.count == 1)
      #expect(active.first?["variable"] as? String == "x")
      #expect(active.first?["side"] as? String == "upper")
      #expect(active.first?["bound"] as? Double == 0.5)
      // The log's rows are the run's iterates: all of them in the box.
      let log = try String(
        contentsOf: directory.appendingPathComponent(try #require(run["log"] as? String)),
        encoding: .utf8)
      // RFC 4180 rows end in CRLF, a single Character in Swift: split on newlines.
      let rows = log.split(whereSeparator: \.isNewline).map {
        $0.split(separator: ",").map(String.init)
      }
      let column = try #require(rows.first?.firstIndex(of: "x"))
      #expect(rows.count > 2)
      for row in rows.dropFirst() { #expect(Double(row[column])! <= 0.5, "\(row)") }
    }
  }

  @Test func theTableListsActiveBoundsAndWhatWasLeftOut() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      ["--problem", "rosenbrock-box", "--no-plots", "--max-iter", "20000"], in: directory,
      environment: ["COLUMNS": "120"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("bounds: x ≤ 0.5"), "\(outcome.stdout)")
    #expect(outcome.stdout.contains("lbfgsb: active x ≤ 0.5"), "\(outcome.stdout)")
    #expect(outcome.stdout.contains("projected-gradient: active x ≤ 0.5"))
    #expect(outcome.stdout.contains("not run (they do not handle bounds): steepest-descent"))
    #expect(outcome.stdout.contains("gsl-vector-bfgs2"))
    let widest = outcome.stdout.split(separator: "\n").map(\.count).max() ?? 0
    #expect(widest <= 120, "widest line: \(widest)")
    // `all` ran only the bounded methods.
    #expect(!outcome.stdout.contains("\nbfgs "))
  }

  @Test func overridesBoundAnUnboundedProblem() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      [
        "--problem", "rosenbrock", "--solver", "lbfgsb", "--upper", "0.5,inf", "--format", "json",
        "--no-plots",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let run = try #require((try Self.json(outcome.stdout)["runs"] as? [[String: Any]])?.first)
    let x = try #require(run["x"] as? [Double])
    #expect(x[0] == 0.5 && abs(x[1] - 0.25) < 1e-6, "\(x)")
    // A start outside the box is projected onto it, and the run says so.
    let projected = try OptimizeProcess.run(
      [
        "--problem", "rosenbrock-box", "--solver", "lbfgsb", "--start", "2,2", "--format", "json",
        "--no-plots",
      ], in: directory)
    let message = try #require(
      (try Self.json(projected.stdout)["runs"] as? [[String: Any]])?.first?["message"] as? String)
    #expect(message.contains("the start was outside the bounds: projected onto them"), "\(message)")
    // --lower -inf --upper inf lifts the box: every solver applies again.
    let lifted = try OptimizeProcess.run(
      [
        "--problem", "rosenbrock-box", "--solver", "bfgs", "--lower", "-inf", "--upper", "inf",
        "--format", "json", "--no-plots",
      ], in: directory)
    #expect(lifted.status == 0, "\(lifted.stderr)")
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var label: String
    var arguments: [String]
    var mentions: [String]
    var testDescription: String { label }
  }

  static let refused: [Case] = [
    Case(
      label: "an unbounded solver named on a bounded problem",
      arguments: ["--problem", "rosenbrock-box", "--solver", "bfgs"],
      mentions: ["bfgs does not handle bounds", "rosenbrock-box has bounds", "lbfgsb"]),
    Case(
      label: "only GSL's methods on a bounded problem",
      arguments: ["--problem", "rosenbrock-box", "--solver", "gsl"],
      mentions: ["none of the selected solvers handles bounds"]),
    Case(
      label: "lower above upper",
      arguments: ["--problem", "rosenbrock", "--solver", "lbfgsb", "--lower", "1", "--upper", "0"],
      mentions: ["--lower", "the lower bound of x, 1.0, is above its upper bound 0.0"]),
    Case(
      label: "wrong number of bounds",
      arguments: ["--problem", "rosenbrock", "--solver", "lbfgsb", "--upper", "1,2,3"],
      mentions: ["--upper has 3 numbers, the problem has dimension 2"]),
    Case(
      label: "a bound that is not a number",
      arguments: ["--problem", "rosenbrock", "--solver", "lbfgsb", "--upper", "1,abc"],
      mentions: ["--upper: 'abc' is not a number"]),
    Case(
      label: "an override against the file's other side",
      arguments: ["--problem", "quadratic-box", "--solver", "lbfgsb", "--upper", "-1"],
      mentions: ["is above its upper bound -1.0"]),
  ]

  @Test(arguments: refused)
  func refusedWithOneMessageAndNothingWritten(_ input: Case) throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(input.arguments, in: directory)
    #expect(outcome.status == 1)
    let lines = outcome.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(outcome.stderr)")
    for mention in input.mentions {
      #expect(outcome.stderr.contains(mention), "\(outcome.stderr)")
    }
    #expect(outcome.stdout.isEmpty)
    #expect(
      !FileManager.default.fileExists(atPath: directory.appendingPathComponent("results").path))
  }

  @Test func listShowsWhichSolversApplyToBoundedProblems() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let table = try OptimizeProcess.run(["list"], in: directory)
    #expect(table.status == 0)
    let lines = table.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("rosenbrock-box ") && $0.hasSuffix("box") })
    #expect(lines.contains { $0.hasPrefix("lbfgsb ") && $0.hasSuffix("all problems") })
    #expect(lines.contains { $0.hasPrefix("bfgs ") && $0.hasSuffix("problems without bounds") })
    let json = try Self.json(
      try OptimizeProcess.run(["list", "--format", "json"], in: directory).stdout)
    let solvers = try #require(json["solvers"] as? [[String: Any]])
    let bounded = solvers.filter { $0["handles_bounds"] as? Bool == true }.compactMap {
      $0["name"] as? String
    }
    #expect(bounded == ["projected-gradient", "lbfgsb"])
    let problems = try #require(json["problems"] as? [[String: Any]])
    let boxed = problems.filter { $0["bounded"] as? Bool == true }.compactMap {
      $0["name"] as? String
    }
    #expect(boxed == ["michalewicz", "quadratic-box", "rosenbrock-box", "schwefel"])
  }

  @Test func sweepsLeaveInapplicableSolversOut() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      [
        "sweep", "--problem", "rosenbrock-box", "--problem", "rosenbrock", "--solver",
        "bfgs,lbfgsb",
        "--output", "out", "--quiet", "--format", "json",
      ], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let document = try Self.json(outcome.stdout)
    // bfgs on rosenbrock-box does not apply: three runs, not four.
    #expect(document["runs"] as? Int == 3, "\(outcome.stdout)")
  }
}
