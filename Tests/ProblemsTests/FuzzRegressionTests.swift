import Foundation
import Problems
import Testing

/// Inputs found by `optimize-fuzz` (or named by issue 8) that must end in a clean outcome: the
/// problem loads, or loading throws a `ProblemError`. The crashing ones run in a child process
/// (an exit test), so a crash fails the test instead of the whole run.
///
@Suite struct FuzzRegressionTests {
  /// A crash input, with where it came from.
  struct CrashInput: Sendable, Codable, CustomTestStringConvertible {
    let label: String
    let toml: String
    var testDescription: String { label }
  }

  /// A problem file whose objective is `expression`, in the template the fuzzer uses.
  static func problem(objective expression: String) -> String {
    """
    title = "fuzz"
    variables = ["x", "y", "v[3]"]
    objective = '''\(expression)'''
    start = [1, 2, 0, 0, 0]
    """
  }

  /// The toml++ 3.4.0 parser inside TOMLKit 0.6.0 aborts on an assertion (`parse_key`:
  /// `is_bare_key_character(*cp) || is_string_delimiter(*cp)`) when a table header opens with a
  /// character that cannot start a key. Found by the fuzzer (seed 1, input 1722, minimised).
  static let tableHeaderInputs = [
    CrashInput(label: "table header '[='", toml: "[="),
    CrashInput(label: "table header '[' at the end of a line", toml: "title = \"t\"\n[\n"),
    CrashInput(label: "array-of-tables header '[[['", toml: "[[[1]]]"),
    CrashInput(label: "fuzzer input 1722, minimised", toml: "[0]\nf=0\n[="),
  ]

  /// The same library aborts in `parse_value` (`!is_value_terminator(*cp)`) on `}` where an
  /// array element should be. Found by the fuzzer (seed 1, inputs 20637 and 25203, minimised).
  static let braceInArrayInputs = [
    CrashInput(label: "'x=[}'", toml: "x=[}"),
    CrashInput(label: "fuzzer input 25203, minimised", toml: "[7]\nf=0\n[t]\nx=[}"),
    CrashInput(label: "'}' after an element", toml: "title = \"t\"\nstart = [5, }"),
    CrashInput(label: "'}' in an array inside an inline table", toml: "x = [{a = [}]}]"),
    CrashInput(label: "'}' after a comment line in an array", toml: "x = [1,\n# c\n}"),
  ]

  /// The parser and checker recurse once per level of nesting and per chained operator, so deep
  /// expressions overflow the stack (release build: about 6,000 brackets or 17,000 operators;
  /// far fewer in a debug build). Found by the fuzzer's deep-nesting and long-line inputs
  /// (seed 1, inputs 241, 470, 750 and others).
  static let deepExpressionInputs = [
    CrashInput(
      label: "10⁴ nested parentheses",
      toml: problem(
        objective: String(repeating: "(", count: 10_000) + "x"
          + String(repeating: ")", count: 10_000))),
    CrashInput(
      label: "10⁴ nested calls",
      toml: problem(
        objective: String(repeating: "exp(", count: 10_000) + "x"
          + String(repeating: ")", count: 10_000))),
    CrashInput(
      label: "10⁴ nested vectors",
      toml: problem(
        objective: "sum(" + String(repeating: "[", count: 10_000) + "x"
          + String(repeating: "]", count: 10_000) + ")")),
    CrashInput(
      label: "10⁵ unary minus signs",
      toml: problem(objective: String(repeating: "-", count: 100_000) + "x")),
    CrashInput(
      label: "a sum of 10⁵ terms",
      toml: problem(objective: Array(repeating: "x", count: 100_000).joined(separator: " + "))),
    CrashInput(
      label: "a power tower of 10⁵",
      toml: problem(objective: Array(repeating: "x", count: 100_000).joined(separator: "^"))),
  ]

  /// `range` bounds and `repeat` counts below the whole-number limit of 10¹⁵ but far beyond
  /// memory: the loader folds or shape-probes them and the allocation fails. Found by the fuzzer
  /// (seed 1, input 3119, minimised; there the bound was n + 1e12). Every size here needs more
  /// than 2⁴⁷ bytes, beyond any x86-64 address space, so the allocation fails at once on any
  /// machine instead of filling its memory.
  static let hugeSizeInputs = [
    CrashInput(label: "range(0, 1e14)", toml: problem(objective: "x + sum(range(0, 1e14))")),
    CrashInput(
      label: "fuzzer input 3119, minimised",
      toml: """
        title = "t"
        variables = ["x[n]"]
        objective = "dot(range(1, n + 1e14), x)"
        start = "repeat(1, n)"
        [parameters]
        n = 5
        """),
    CrashInput(label: "repeat of a variable", toml: problem(objective: "sum(repeat(v, 1e14))")),
    CrashInput(
      label: "repeat of a constant", toml: problem(objective: "x + sum(repeat([1, 2], 1e14))")),
  ]

  /// Loads `toml` in a child process; the child exits normally when loading returns or throws,
  /// and dies if loading crashes.
  func expectCleanOutcome(_ input: CrashInput) async {
    await #expect(processExitsWith: .success, "\(input.label)") { [toml = input.toml as String] in
      _ = try? ProblemCatalog.load(toml: toml, name: "fuzz", baseDirectory: nil)
    }
  }

  /// Loads `toml` in a child process, which exits normally only when loading throws a
  /// `ProblemError`: these inputs are all invalid.
  func expectRefusal(_ input: CrashInput) async {
    await #expect(processExitsWith: .success, "\(input.label)") { [toml = input.toml as String] in
      do {
        _ = try ProblemCatalog.load(toml: toml, name: "fuzz", baseDirectory: nil)
        exit(3)
      } catch {}
    }
  }

  @Test(arguments: tableHeaderInputs)
  func tableHeaderWithoutKeyIsRefused(_ input: CrashInput) async {
    await expectRefusal(input)
  }

  @Test(arguments: braceInArrayInputs)
  func braceInArrayIsRefused(_ input: CrashInput) async {
    await expectRefusal(input)
  }

  @Test(arguments: deepExpressionInputs)
  func deepExpressionDoesNotOverflowTheStack(_ input: CrashInput) async {
    await expectCleanOutcome(input)
  }

  @Test(arguments: hugeSizeInputs)
  func hugeSizeIsRefused(_ input: CrashInput) async {
    await expectRefusal(input)
  }

  /// Moderately deep expressions, well inside any sensible limit, must keep loading and
  /// evaluate as written: 120 nested parentheses around x is x, and 1,000 chained `+ x` are
  /// 1,000·x (at x = 1, y = 2).
  @Test func moderatelyDeepExpressionsLoad() throws {
    let nested = try ProblemCatalog.load(
      toml: Self.problem(
        objective: String(repeating: "(", count: 120) + "x" + String(repeating: ")", count: 120)),
      name: "nested", baseDirectory: nil)
    #expect(nested.value(at: nested.start) == 1)
    let chain = try ProblemCatalog.load(
      toml: Self.problem(objective: Array(repeating: "x", count: 1_000).joined(separator: " + ")),
      name: "chain", baseDirectory: nil)
    #expect(chain.value(at: chain.start) == 1_000)
  }
}

/// The limits that keep hostile files from crashing the loader answer with a message that
/// names the limit.
@Suite struct LoaderLimitTests {
  private func message(_ objective: String) -> String {
    let toml = "title = \"t\"\nvariables = [\"x\"]\nobjective = \"\(objective)\"\nstart = [1.0]\n"
    do {
      _ = try ProblemCatalog.load(toml: toml, name: "limits", baseDirectory: nil)
      return ""
    } catch {
      return error.description
    }
  }

  /// A size parameter beyond Int.max crashed the size-limit message (fuzz finding 17).
  @Test func aSizeBeyondIntMaxIsRefusedWithTheLimit() throws {
    let toml = """
      title = "t"
      variables = ["w[n]"]
      objective = "sum(w)"
      start = "repeat(0.5, n)"
      [parameters]
      n = 9223372036854775807
      """
    #expect {
      _ = try ProblemCatalog.load(toml: toml, name: "huge", baseDirectory: nil)
    } throws: { error in
      "\(error)".contains("size of 'w' is 9223372036854775808; the largest accepted is 999999999")
    }
  }

  @Test func nestingBeyondTheLimit() {
    let deep = String(repeating: "(", count: 200) + "x" + String(repeating: ")", count: 200)
    #expect(message(deep).contains("nest more than 128 deep"))
  }

  /// `x^x^…` is right-associative and nests like parentheses; the message names powers.
  @Test func chainedPowersBeyondTheLimitSayPowers() {
    let chain = Array(repeating: "x", count: 999).joined(separator: "^")
    let text = message(chain)
    #expect(text.contains("chained powers (a^b^c…) nest more than 128 deep"), "\(text.prefix(200))")
  }

  @Test func chainsBeyondTheDepthLimit() {
    #expect(
      message(Array(repeating: "x", count: 1_001).joined(separator: "+")).contains("1000 levels"))
  }

  @Test func sizesBeyondTheLimit() {
    #expect(message("x + sum(range(0, 1e9))").contains("more than 100000000 elements"))
    #expect(message("x + sum(repeat([1, 2], 6e7))").contains("more than 100000000 elements"))
  }
}
