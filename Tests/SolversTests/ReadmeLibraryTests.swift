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
    let swiftBlocks = section.blocks(fenced: "swift").map { block in
      block.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix("import ") }.joined(separator: "\n")
        .trimmingCharacters(in: .newlines)
    }
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    let compiled = try #require(SnippetRegion(source)).blocks
    #expect(swiftBlocks == compiled)

    let shown = section.blocks(fenced: "text").flatMap {
      $0.split(separator: "\n").map(String.init)
    }
    let printed = try Self.snippets()
    #expect(printed == shown)
  }
}

/// The text of a README section, from its heading to the next heading of its level.
struct MarkdownSection {
  let text: String

  init?(_ markdown: String, heading: String) {
    guard let start = markdown.range(of: "\n" + heading + "\n") else { return nil }
    let rest = markdown[start.upperBound...]
    let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
    text = String(rest[..<end])
  }

  /// The contents of the blocks fenced with ```` ```language ````, in order.
  func blocks(fenced language: String) -> [String] {
    var blocks = [String]()
    var current: [Substring]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line == "```" + language {
        current = []
      } else if current != nil, line == "```" {
        blocks.append(current!.joined(separator: "\n"))
        current = nil
      } else {
        current?.append(line)
      }
    }
    return blocks
  }
}

/// The lines between `// BEGIN README` and `// END README` of a source file, dedented to the
/// marker's indentation and split at `// ---`.
struct SnippetRegion {
  let blocks: [String]

  init?(_ source: String) {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard let begin = lines.firstIndex(where: { $0.hasSuffix("// BEGIN README") }),
      let end = lines.firstIndex(where: { $0.hasSuffix("// END README") })
    else { return nil }
    let indent = lines[begin].prefix { $0 == " " }.count
    var blocks = [[Substring]()]
    for line in lines[(begin + 1)..<end] {
      let text = line.dropFirst(Swift.min(indent, line.prefix { $0 == " " }.count))
      if text == "// ---" { blocks.append([]) } else { blocks[blocks.count - 1].append(text) }
    }
    self.blocks = blocks.map { $0.joined(separator: "\n") }
  }
}
