import Foundation

/// The text of a README section, from its heading to the next heading of its level.
struct MarkdownSection {
  let text: String

  /// A whole document.
  init(document: String) { text = document }

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

/// The lines between `// BEGIN name` and `// END name` of a source file, dedented to the
/// marker's indentation and split at `// ---`.
struct SnippetRegion {
  let blocks: [String]

  init?(_ source: String, name: String) {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard let begin = lines.firstIndex(where: { $0.hasSuffix("// BEGIN \(name)") }),
      let end = lines.firstIndex(where: { $0.hasSuffix("// END \(name)") })
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

extension MarkdownSection {
  /// The Swift blocks without their `import` lines.
  var swiftBlocks: [String] {
    blocks(fenced: "swift").map { block in
      block.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix("import ") }.joined(separator: "\n")
        .trimmingCharacters(in: .newlines)
    }
  }

  /// The lines of the text blocks, in order.
  var shownLines: [String] {
    blocks(fenced: "text").flatMap { $0.split(separator: "\n").map(String.init) }
  }
}
