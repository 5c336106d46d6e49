import Foundation
import Testing

@testable import Problems

/// Every problem shipped in problems/, loaded from the copy embedded in the binary.
@Suite struct BuiltinProblemTests {
  @Test func theBuiltinProblemsAreEmbedded() {
    let names = ProblemCatalog.builtinNames
    #expect(names.count >= 20)
    #expect(names == names.sorted())
    for required in [
      "goldstein", "sphere", "matyas", "quadratic", "sqrt2", "rosenbrock",
      "rosenbrock-n", "decay",
    ] {
      #expect(names.contains(required), "missing \(required)")
    }
  }

  @Test func unknownNamesSuggestTheNearestBuiltin() {
    do {
      _ = try ProblemCatalog.load("goldsten")
      Issue.record("loaded a problem that does not exist")
    } catch {
      #expect(error.message.contains("did you mean 'goldstein'?"))
    }
  }

  @Test(arguments: ProblemCatalog.builtinNames)
  func loadsAndTakesItsKnownMinimumValue(name: String) throws {
    let p = try ProblemCatalog.load(name)
    #expect(p.name == name)
    #expect(p.start.count == p.dimension)
    #expect(p.value(at: p.start).isFinite)
    guard let minimum = p.minimum, let x = minimum.x else { return }
    let f = p.value(at: x)
    #expect(
      Swift.abs(f - minimum.f) <= Swift.max(1e-10, 1e-8 * Swift.abs(minimum.f)),
      "\(name): f(x*) = \(f), listed \(minimum.f)")
    for (i, local) in p.localMinima.enumerated() {
      let fl = p.value(at: local.x!)
      #expect(
        Swift.abs(fl - local.f) <= Swift.max(1e-10, 1e-8 * Swift.abs(local.f)),
        "\(name) local minimum \(i): f = \(fl), listed \(local.f)")
    }
  }
}
