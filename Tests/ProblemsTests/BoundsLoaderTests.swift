import Foundation
import Testing

@testable import Problems

/// `[bounds]`: read like `start` (numbers, TOML's inf and -inf, or an expression), checked like
/// every other key, each error naming the key and what is wrong.
@Suite struct BoundsLoaderTests {
  let header = """
    title = "T"
    variables = ["x", "v[n]"]
    objective = "x^2 + sum(v^2)"
    start = [0.0, 0.5, 0.5]
    parameters = { n = 2 }

    """

  func load(_ text: String) throws -> Problem {
    try ProblemCatalog.load(toml: header + text, name: "test.toml", baseDirectory: nil)
  }

  @Test func numbersInfinitiesAndExpressions() throws {
    let p = try load("[bounds]\nlower = [-inf, 0, 0]\n")
    #expect(p.bounds?.lower == [-.infinity, 0, 0])
    #expect(p.bounds?.upper == [.infinity, .infinity, .infinity])
    let e = try load("[bounds]\nlower = \"[-1, repeat(0, n)]\"\nupper = \"repeat(1, n + 1)\"\n")
    #expect(e.bounds?.lower == [-1, 0, 0])
    #expect(e.bounds?.upper == [1, 1, 1])
    // A box of infinities bounds nothing: the problem is unbounded.
    #expect(try load("[bounds]\nupper = [inf, inf, inf]\n").bounds == nil)
    #expect(try load("").bounds == nil)
  }

  @Test func faultsNameTheKeyAndWhatIsWrong() throws {
    let cases: [(String, String, String)] = [
      ("[bounds]\nlowr = [0, 0, 0]\n", "bounds.lowr", "did you mean 'bounds.lower'?"),
      (
        "[bounds]\nlower = [0, 0]\n", "bounds.lower",
        "has 2 numbers, but the problem has 3 scalar unknowns"
      ),
      (
        "[bounds]\nlower = [0, 1, 0]\nupper = [1, 0.5, 1]\n", "bounds.lower",
        "the lower bound of v[0], 1.0, is above its upper bound 0.5"
      ),
      ("[bounds]\nupper = [1, nan, 1]\n", "bounds.upper", "the bound of v[0] is NaN"),
      ("[bounds]\nlower = [inf, 0, 0]\n", "bounds.lower", "the lower bound of x is inf"),
      (
        "[bounds]\nlower = \"repeat(0, n)\"\n", "bounds.lower",
        "has 2 numbers, but the problem has 3"
      ),
      ("[bounds]\nlower = \"[x, 0, 0]\"\n", "bounds.lower", "unknown name 'x'"),
      ("[bounds]\nlower = [0, 0, \"a\"]\n", "bounds.lower", "element 2 is a string, not a number"),
      ("[bounds]\n", "bounds", "give lower, upper or both"),
      ("bounds = 3\n", "bounds", "expected a table"),
      (
        "[bounds]\nlower = [0.5, 0, 0]\n", "start",
        "outside the bounds: x = 0.0 is below its lower bound 0.5"
      ),
    ]
    for (text, key, message) in cases {
      let error = try #require(loadFailure(header + text), "loaded: \(text)")
      #expect(error.key == key, "\(text): \(error)")
      #expect(error.description.contains(message), "\(text): \(error)")
    }
  }

  @Test func theShippedBoundedProblems() throws {
    let rosenbrock = try ProblemCatalog.load("rosenbrock-box")
    #expect(rosenbrock.bounds?.upper == [0.5, .infinity])
    #expect(rosenbrock.bounds?.lower == [-.infinity, -.infinity])
    // The constrained minimum (0.5, 0.25) with f = 0.25, by hand (see the file's description).
    #expect(rosenbrock.value(at: [0.5, 0.25]) == 0.25)
    let quadratic = try ProblemCatalog.load("quadratic-box")
    #expect(quadratic.bounds?.lower == [0, 0, 0, 0])
    #expect(quadratic.bounds?.upper == [.infinity, .infinity, 1, .infinity])
    #expect(try ProblemCatalog.load("rosenbrock").bounds == nil)
  }
}
