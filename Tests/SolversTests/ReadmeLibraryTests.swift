import Autodiff
import Foundation
import Solvers
import Testing

/// The README's "Using the library" section: its Swift blocks, without their imports and in
/// order, are the body of `snippets` below, and what they print is its text blocks. Change one
/// and this test fails until the other follows.
@Suite struct ReadmeLibraryTests {
  /// The README's snippets as one program; `print` is captured. The blocks are separated by
  /// `// ---` lines.
  static func snippets() throws -> [String] {
    var printed = [String]()
    func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }
    // BEGIN README
    func rosenbrock(_ x: Variable<Double>) -> Variable<Double> {
      100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2)
    }
    let result = try minimize(rosenbrock, from: [-1.2, 1], method: BFGS())
    print(result.status, result.evaluation)
    // ---
    let runs = try minimize(rosenbrock, from: [-1.2, 1], methods: BFGS(), LBFGS(), Newton())
    for run in runs {
      print(run.solver, run.status, run.x.map { ($0 * 1e6).rounded() / 1e6 }, run.f < 1e-12)
    }
    // ---
    let options = SolverOptions<Double>(maxIterations: 100, gradientTolerance: 1e-10)
    let newton = try minimize(rosenbrock, from: [-1.2, 1], method: Newton(), options: options)
    print(newton.status, newton.gradientNorm <= 1e-10, newton.counts.hessian > 0)
    // ---
    let kinked = try minimize(
      { (x: Variable<Double>) -> Variable<Double> in
        let t = x[0]
        return t.scalar > 0 ? (t + 1) * (t + 1) : (t + 2) * (t + 2) - 3
      }, from: [2.0])
    print(kinked.x.map { ($0 * 1e6).rounded() / 1e6 }, kinked.evaluation != .recorded)
    do {
      _ = try minimize(rosenbrock, from: [-1.2])
    } catch {
      print(error)
    }
    // END README
    return printed
  }

  @Test func theSnippetsAreTheCompiledOnesAndPrintWhatTheTextSays() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(MarkdownSection(readme, heading: "## Using the library"))
    let swiftBlocks = section.swiftBlocks
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    let compiled = try #require(SnippetRegion(source, name: "README")).blocks
    #expect(swiftBlocks == compiled)

    let shown = section.shownLines
    let printed = try Self.snippets()
    #expect(printed == shown)
  }
}
