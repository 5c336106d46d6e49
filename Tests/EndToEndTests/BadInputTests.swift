import Foundation
import Testing

/// Bad input gets one clear message on standard error, a non-zero exit, and `results/` is left
/// exactly as it was.
@Suite("bad input")
struct BadInputTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var label: String
    var arguments: [String]
    /// Files to create in the scratch directory first (name → contents).
    var files: [String: [UInt8]] = [:]
    /// Text that the first line of standard error must contain.
    var mentions: [String]
    var testDescription: String { label }
  }

  static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

  static let validTOML = """
    title = "t"
    variables = ["x", "y"]
    objective = "x^2 + y^2"
    start = [1.0, 2.0]
    """

  static let cases: [Case] = [
    Case(
      label: "starts beyond the limit",
      arguments: ["--problem", "sphere", "--starts", "9223372036854775807"],
      mentions: ["--starts must be at most 100000"]),
    Case(
      label: "a vector size beyond the limit names the limit",
      arguments: ["--problem", "sphere", "--param", "n=1e9"],
      mentions: ["size of 'x' is 1000000000; the largest accepted is 999999999"]),
    Case(
      label: "negative gtol (its own check, not 'Missing value')",
      arguments: ["--problem", "sphere", "--gtol", "-1"],
      mentions: ["--gtol must be a non-negative number, got -1.0"]),
    Case(
      label: "a non-finite known minimum", arguments: ["--problem", "bad.toml"],
      files: ["bad.toml": text(validTOML + "\n[minimum]\nf = nan\nx = [0.0, 0.0]\n")],
      mentions: ["bad.toml", "minimum.f", "finite"]),
    Case(
      label: "a non-finite known minimizer", arguments: ["--problem", "bad.toml"],
      files: ["bad.toml": text(validTOML + "\n[minimum]\nf = 0.0\nx = [inf, 0.0]\n")],
      mentions: ["bad.toml", "minimum.x", "finite"]),
    Case(
      label: "a non-finite local minimum", arguments: ["--problem", "bad.toml"],
      files: ["bad.toml": text(validTOML + "\n[[local_minima]]\nf = -inf\nx = [1.0, 0.0]\n")],
      mentions: ["bad.toml", "local_minima[0].f", "finite"]),
    Case(
      label: "unknown problem", arguments: ["--problem", "goldstien"],
      mentions: ["goldstien", "goldstein"]),
    Case(
      label: "unknown solver", arguments: ["--problem", "sphere", "--solver", "bfgz"],
      mentions: ["bfgz", "bfgs"]),
    Case(
      label: "a least-squares solver on a problem without residuals",
      arguments: ["--problem", "goldstein", "--solver", "bfgs,levenberg-marquardt"],
      mentions: ["levenberg-marquardt is not applicable to goldstein", "residual problem"]),
    Case(
      label: "a GSL least-squares method on a problem without residuals",
      arguments: ["--problem", "goldstein", "--solver", "gsl-lm"],
      mentions: ["gsl-lm is not applicable to goldstein"]),
    Case(
      label: "malformed TOML", arguments: ["--problem", "bad.toml"],
      files: ["bad.toml": text("title = \"t\nvariables = [\"x\"]\n")], mentions: ["bad.toml"]),
    Case(
      label: "TOML table header without a key", arguments: ["--problem", "bad.toml"],
      files: ["bad.toml": text(validTOML + "\n[=\n")],
      mentions: ["bad.toml", "line 5, column 2", "table header"]),
    Case(
      label: "TOML '}' in place of an array element", arguments: ["--problem", "bad.toml"],
      files: ["bad.toml": text(validTOML.replacingOccurrences(of: "[1.0, 2.0]", with: "[1.0, }"))],
      mentions: ["bad.toml", "line 4, column 15", "'}'"]),
    Case(
      label: "expression syntax error", arguments: ["--problem", "bad.toml"],
      files: ["bad.toml": text(validTOML.replacingOccurrences(of: "x^2 + y^2", with: "x^2 + * y"))],
      mentions: ["bad.toml", "objective", "line 1", "column"]),
    Case(
      label: "unknown identifier", arguments: ["--problem", "bad.toml"],
      files: ["bad.toml": text(validTOML.replacingOccurrences(of: "y^2", with: "z^2"))],
      mentions: ["bad.toml", "objective", "'z'"]),
    Case(
      label: "length mismatch", arguments: ["--problem", "bad.toml"],
      files: [
        "bad.toml": text(
          "title = \"t\"\nvariables = [\"x[3]\"]\nobjective = \"sum(x * [1, 2])\"\nstart = [1.0, 2.0, 3.0]\n"
        )
      ],
      mentions: ["bad.toml", "objective"]),
    Case(
      label: "start of the wrong length", arguments: ["--problem", "sphere", "--start", "1,2,3"],
      mentions: ["--start", "3"]),
    Case(
      label: "start with non-numbers", arguments: ["--problem", "sphere", "--start", "1,abc"],
      mentions: ["--start", "abc"]),
    Case(label: "lr zero", arguments: ["--problem", "sphere", "--lr", "0"], mentions: ["--lr"]),
    Case(label: "lr negative", arguments: ["--problem", "sphere", "--lr=-1"], mentions: ["--lr"]),
    Case(
      label: "lr not a number", arguments: ["--problem", "sphere", "--lr", "fast"], mentions: ["lr"]
    ),
    Case(label: "lr NaN", arguments: ["--problem", "sphere", "--lr", "nan"], mentions: ["--lr"]),
    Case(
      label: "max-iter zero", arguments: ["--problem", "sphere", "--max-iter", "0"],
      mentions: ["--max-iter"]),
    Case(
      label: "param naming no parameter",
      arguments: ["--problem", "rosenbrock-n", "--param", "m=10"],
      mentions: ["m"]),
    Case(
      label: "unknown precision", arguments: ["--problem", "sphere", "--precision", "float8"],
      mentions: ["float8"]),
    Case(
      label: "output directory not writable",
      arguments: ["--problem", "sphere", "--output", "blocked/sub"],
      files: ["blocked": text("a file")],
      mentions: ["blocked"]),
    Case(
      label: "data CSV with a missing cell", arguments: ["--problem", "fit.toml"],
      files: [
        "fit.toml": text(
          "title = \"fit\"\nvariables = [\"a\"]\ndata = \"fit.csv\"\nresiduals = [\"a * t - y\"]\nstart = [1.0]\n"
        ),
        "fit.csv": text("t,y\n1,2\n2,\n3,6\n"),
      ],
      mentions: ["fit.csv"]),
    Case(
      label: "data CSV with a non-numeric cell", arguments: ["--problem", "fit.toml"],
      files: [
        "fit.toml": text(
          "title = \"fit\"\nvariables = [\"a\"]\ndata = \"fit.csv\"\nresiduals = [\"a * t - y\"]\nstart = [1.0]\n"
        ),
        "fit.csv": text("t,y\n1,2\n2,four\n3,6\n"),
      ],
      mentions: ["fit.csv"]),
    Case(
      label: "empty file", arguments: ["--problem", "empty.toml"], files: ["empty.toml": []],
      mentions: ["empty.toml"]),
    Case(
      label: "binary file", arguments: ["--problem", "binary.toml"],
      files: ["binary.toml": (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }],
      mentions: ["binary.toml"]),
    Case(
      label: "10 MB file", arguments: ["--problem", "huge.toml"],
      files: [
        "huge.toml": text(validTOML + "\n# " + String(repeating: "x", count: 10 << 20) + "\n")
      ],
      mentions: ["huge.toml"]),
    Case(
      label: "missing file", arguments: ["--problem", "nowhere/none.toml"], mentions: ["none.toml"]),
  ]

  @Test(arguments: cases)
  func rejected(_ input: Case) throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let results = directory.appendingPathComponent("results")
    try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
    let sentinel = results.appendingPathComponent("keep.txt")
    try Data("keep".utf8).write(to: sentinel)
    for (name, bytes) in input.files {
      try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    let outcome = try OptimizeProcess.run(input.arguments, in: directory)

    #expect(outcome.status != 0)
    #expect(outcome.status < 128, "killed by a signal: \(outcome.status)")
    let firstLine = outcome.stderr.split(separator: "\n").first.map(String.init) ?? ""
    for mention in input.mentions {
      #expect(firstLine.contains(mention), "first line of stderr: \(firstLine)")
    }
    #expect(!outcome.stderr.contains("Fatal error") && !outcome.stderr.contains("Stack dump"))
    #expect(outcome.stdout.isEmpty)
    let left = try FileManager.default.contentsOfDirectory(atPath: results.path)
    #expect(left == ["keep.txt"], "results/ changed: \(left)")
  }
}
