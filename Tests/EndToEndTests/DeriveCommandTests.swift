import Foundation
import Testing

@Suite("optimize derive")
struct DeriveCommandTests {
  @Test("goldstein at (1, 1) matches the closed form")
  func goldsteinAtOneOne() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let outcome = try OptimizeProcess.run(
      ["derive", "--problem", "goldstein", "--at", "1,1", "--format", "json"], in: directory)
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    // Closed form, derived with sympy from the Goldstein–Price formula:
    // f(1,1) = 1876, ∇f = (−5376, 8064), ∇²f = [[21228, −25812], [−25812, 44748]],
    // eigenvalues 4623.2869924619191468 and 61352.713007538080853.
    #expect(document["f"] as? Double == 1876)
    #expect(document["gradient"] as? [Double] == [-5376, 8064])
    #expect(document["hessian"] as? [[Double]] == [[21228, -25812], [-25812, 44748]])
    let eigenvalues = try #require(document["eigenvalues"] as? [Double])
    #expect(abs(eigenvalues[0] - 4623.2869924619191468) < 1e-8)
    #expect(abs(eigenvalues[1] - 61352.713007538080853) < 1e-7)
    let finite = try #require(document["finite_difference"] as? [String: Any])
    let fdGradient = try #require(finite["gradient"] as? [Double])
    #expect(abs(fdGradient[0] + 5376) < 1e-3 && abs(fdGradient[1] - 8064) < 1e-3)
    #expect(document["point"] as? [Double] == [1, 1])
  }
}

@Suite("optimize derive --graph")
struct DeriveGraphTests {
  @Test(arguments: ["graph.svg", "graph.dot"])
  func writesTheGraphOfTheProblem(name: String) throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let file = directory.appendingPathComponent(name)
    let outcome = try OptimizeProcess.run(
      ["derive", "--problem", "rosenbrock", "--graph", file.path], in: directory)
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.hasPrefix(name.hasSuffix(".svg") ? "<svg " : "digraph {"))
    // Rosenbrock's inputs x and y at its start (−1.2, 1), as leaves.
    #expect(text.contains("x = -1.2") && text.contains("y = 1.0"), "\(text)")
    #expect(text.contains("PowBackward") || text.contains("MulBackward"))
  }
}
