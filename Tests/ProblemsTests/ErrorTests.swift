import Foundation
import OptimizationCore
import Testing

@testable import Problems

/// Every class of loading error: one message naming the file, the key and, for expressions,
/// the line and column with the offending text under a caret.
@Suite struct ErrorTests {
  let header = "title = \"T\"\nvariables = [\"x\", \"y\"]\nstart = [1, 2]\n"

  @Test func unknownNameInAnExpressionIsLocatedWithACaret() throws {
    let error = try #require(loadFailure(header + "objective = \"\"\"\nx +\n  z * 2\"\"\"\n"))
    #expect(error.file == "test.toml")
    #expect(error.key == "objective")
    #expect(error.line == 2)
    #expect(error.column == 3)
    #expect(error.message == "unknown name 'z' (in scope: x, y, pi, e)")
    #expect(
      error.description == """
        test.toml: objective, line 2, column 3: unknown name 'z' (in scope: x, y, pi, e)
              z * 2
              ^
        """)
  }

  @Test func theCaretUnderlinesTheWholeOffendingText() throws {
    let error = try #require(loadFailure(header + "objective = \"x + foo(y)\""))
    #expect(error.line == 1)
    #expect(error.column == 5)
    #expect(error.excerpt == ["x + foo(y)", "    ^^^"])
    #expect(error.message.hasPrefix("unknown function 'foo'"))
  }

  @Test func tomlSyntaxErrorsCarryTOMLKitsPosition() throws {
    let error = try #require(loadFailure("title = \"T\"\nvariables = [\"x\"\nstart = [1]\n"))
    #expect(error.message.hasPrefix("TOML syntax"))
    #expect(error.line != nil && error.column != nil)
    #expect(error.description.hasPrefix("test.toml, line \(error.line!), column \(error.column!)"))
    #expect(error.excerpt.count == 2 && error.excerpt[1].hasSuffix("^"))
  }

  @Test func missingAndMistypedKeys() throws {
    let noTitle = try #require(loadFailure("variables = [\"x\"]\nobjective = \"x\"\nstart = [1]"))
    #expect(noTitle.description == "test.toml: title: missing required key")
    let numberTitle = try #require(
      loadFailure("title = 3\nvariables = [\"x\"]\nobjective = \"x\"\nstart = [1]"))
    #expect(numberTitle.description == "test.toml: title: expected a string, found an integer")
    let noStart = try #require(loadFailure("title = \"T\"\nvariables = [\"x\"]\nobjective = \"x\""))
    #expect(noStart.key == "start")
    let noObjective = try #require(loadFailure(header))
    #expect(noObjective.message.contains("one of 'objective' and 'residuals'"))
    let badVariables = try #require(
      loadFailure("title = \"T\"\nvariables = \"x\"\nobjective = \"x\"\nstart = [1]"))
    #expect(badVariables.key == "variables")
    #expect(badVariables.message.contains("array of strings"))
    let badStart = try #require(
      loadFailure(
        header.replacingOccurrences(of: "[1, 2]", with: "[1, \"a\"]") + "objective = \"x\""))
    #expect(badStart.key == "start")
    #expect(badStart.message.contains("element 1"))
  }

  @Test func anUnknownKeySuggestsTheNearestKnownKey() throws {
    let error = try #require(loadFailure(header + "objectve = \"x\""))
    #expect(error.key == "objectve")
    #expect(error.message.hasPrefix("unknown key 'objectve'; did you mean 'objective'?"))
    let nested = try #require(loadFailure(header + "objective = \"x\"\n[minimum]\nff = 1"))
    #expect(nested.message.hasPrefix("unknown key 'minimum.ff'; did you mean 'minimum.f'?"))
  }

  @Test func unknownFunctionAndWrongArityNameTheResidual() throws {
    let toml = header + "residuals = [\"x - 1\", \"y\", \"atan2(x)\"]"
    let error = try #require(loadFailure(toml))
    #expect(error.key == "residuals[2]")
    #expect(
      error.description.hasPrefix("test.toml: residuals[2], line 1, column 1: 'atan2' takes 2"))
    #expect(error.excerpt == ["atan2(x)", "^^^^^^^^"])
  }

  @Test func aLengthMismatchNamesBothLengths() throws {
    let toml = """
      title = "T"
      variables = ["x[3]", "w[2]"]
      start = [1, 2, 3, 4, 5]
      objective = "sum(x * w)"
      """
    let error = try #require(loadFailure(toml))
    #expect(error.key == "objective")
    #expect(error.message.contains("length 3") && error.message.contains("length 2"))
    #expect(error.excerpt == ["sum(x * w)", "    ^^^^^"])
  }

  @Test func startOfTheWrongLength() throws {
    let error = try #require(
      loadFailure("title = \"T\"\nvariables = [\"x[3]\"]\nobjective = \"sum(x)\"\nstart = [1, 2]"))
    #expect(
      error.description == "test.toml: start: has 2 numbers, but the problem has 3 scalar unknowns")
    let expression = try #require(
      loadFailure(
        "title = \"T\"\nvariables = [\"x[3]\"]\nobjective = \"sum(x)\"\nstart = \"repeat(1, 2)\""))
    #expect(expression.key == "start")
    #expect(expression.message.contains("has 2 numbers"))
  }

  @Test func startMayNotUseTheVariables() throws {
    let error = try #require(
      loadFailure("title = \"T\"\nvariables = [\"x\"]\nobjective = \"x\"\nstart = \"[x]\""))
    #expect(error.key == "start")
    #expect(error.message == "unknown name 'x' (in scope: pi, e)")
  }

  @Test func minimumXOfTheWrongLength() throws {
    let error = try #require(loadFailure(header + "objective = \"x\"\n[minimum]\nf = 0\nx = [1]"))
    #expect(
      error.description
        == "test.toml: minimum.x: has 1 number, but the problem has 2 scalar unknowns")
    let local = try #require(
      loadFailure(header + "objective = \"x\"\n[[local_minima]]\nf = 0\nx = [1, 2, 3]"))
    #expect(local.key == "local_minima[0].x")
  }

  @Test func missingDataFile() throws {
    let toml =
      "title = \"T\"\nvariables = [\"a\"]\ndata = \"nowhere.csv\"\nresiduals = [\"a - t\"]\nstart = [0]"
    let error = try #require(loadFailure(toml, base: fixtures))
    #expect(error.description == "test.toml: data: data file 'nowhere.csv' not found")
  }

  @Test func nonNumericData() throws {
    let toml =
      "title = \"T\"\nvariables = [\"a\"]\ndata = \"bad-data.csv\"\nresiduals = [\"a - t\"]\nstart = [0]"
    let error = try #require(loadFailure(toml, base: fixtures))
    #expect(error.key == "data")
    #expect(
      error.message == "bad-data.csv, line 3, column 2 ('y'): 'abc' is not a finite decimal number")
  }

  @Test func rulesOnKeysThatGoTogether() throws {
    let both = try #require(loadFailure(header + "objective = \"x\"\nresiduals = [\"x\"]"))
    #expect(both.message.contains("not both"))
    let lossAlone = try #require(loadFailure(header + "objective = \"x\"\nloss = \"mean\""))
    #expect(lossAlone.key == "loss")
    let badLoss = try #require(loadFailure(header + "residuals = [\"x\"]\nloss = \"max\""))
    #expect(badLoss.message == "unknown loss 'max' (one of: sum, mean, half)")
    let vector = try #require(
      loadFailure("title = \"T\"\nvariables = [\"x[2]\"]\nstart = [1, 2]\nobjective = \"x\""))
    #expect(vector.message.contains("must be a scalar"))
  }

  @Test func variableDeclarations() throws {
    let twice = try #require(
      loadFailure("title = \"T\"\nvariables = [\"x\", \"x\"]\nobjective = \"x\"\nstart = [1, 2]"))
    #expect(twice.description == "test.toml: variables[1]: variable 'x' is declared twice")
    let badSize = try #require(
      loadFailure("title = \"T\"\nvariables = [\"x[m]\"]\nobjective = \"sum(x)\"\nstart = [1]"))
    #expect(badSize.key == "variables[0]")
    #expect(badSize.message.contains("'m'"))
    let zero = try #require(
      loadFailure("title = \"T\"\nvariables = [\"x[0]\"]\nobjective = \"sum(x)\"\nstart = []"))
    #expect(zero.message.contains("at least 1"))
    let half = try #require(
      loadFailure(
        "title = \"T\"\nvariables = [\"x[n]\"]\nobjective = \"sum(x)\"\nstart = [1]\n[parameters]\nn = 1.5"
      ))
    #expect(half.message.contains("whole number"))
  }

  @Test func overridingAnUnknownParameter() throws {
    let toml =
      "title = \"T\"\nvariables = [\"x\"]\nobjective = \"x*n\"\nstart = [1]\n[parameters]\nn = 2"
    let error = try #require(loadFailure(toml, parameters: ["m": 3]))
    #expect(
      error.description
        == "test.toml: parameters: cannot override unknown parameter 'm' (parameters: n)")
  }

  @Test func anUnknownBuiltinNameSuggestsTheNearest() throws {
    do {
      _ = try ProblemCatalog.load("no-such-problem-anywhere")
      Issue.record("loaded a problem that does not exist")
    } catch {
      #expect(error.description.hasPrefix("no-such-problem-anywhere: no built-in problem named"))
    }
    do {
      _ = try ProblemCatalog.load("/nonexistent/mine.toml")
      Issue.record("loaded a file that does not exist")
    } catch {
      #expect(error.file == "/nonexistent/mine.toml")
    }
  }

  @Test func suggestionsUseEditDistance() {
    #expect(NameSuggestion.editDistance("kitten", "sitting") == 3)
    #expect(NameSuggestion.editDistance("", "abc") == 3)
    #expect(NameSuggestion.editDistance("same", "same") == 0)
    #expect(
      NameSuggestion.nearest(to: "objectve", among: ProblemLoader.topLevelKeys) == ["objective"])
    #expect(NameSuggestion.nearest(to: "zzzzzz", among: ["title", "start"]).isEmpty)
  }
}
