extension GraphDrawing {
  /// Graphviz DOT text: leaves light blue, frozen inputs grey, operations with their backward
  /// function, retained gradients outlined twice, the output in bold; arrows run forward.
  public var dot: String {
    var lines = ["digraph {", "  rankdir=TB;", "  node [fontname=\"Helvetica\", fontsize=11];"]
    for (i, node) in nodes.enumerated() {
      var attributes: [String]
      switch node.kind {
      case .leaf:
        attributes = ["shape=box", "style=filled", "fillcolor=\"#cfe8ff\""]
      case .frozen:
        attributes = ["shape=box", "style=filled", "fillcolor=\"#e6e6e6\""]
      case .operation:
        attributes = ["shape=ellipse"]
      }
      let label = [node.label, node.backward].compactMap { $0 }.joined(separator: "\\n")
      attributes.append("label=\"\(Self.escaped(label))\"")
      if node.retainsGrad { attributes.append("peripheries=2") }
      if i == 0 { attributes.append("penwidth=2") }
      lines.append("  n\(i) [\(attributes.joined(separator: ", "))];")
    }
    for edge in edges { lines.append("  n\(edge.from) -> n\(edge.to);") }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A label as a DOT string holds it: quotes and backslashes escaped (`\n` kept as a break).
  static func escaped(_ text: String) -> String {
    text.map { $0 == "\"" ? "\\\"" : String($0) }.joined()
  }
}

extension Variable {
  /// The graph that produced this variable as Graphviz DOT text (see `GraphDrawing.dot`).
  public func graphDOT() -> String { GraphDrawing(of: self).dot }

  /// The graph that produced this variable as SVG, laid out by the toolkit (no Graphviz needed;
  /// see `GraphDrawing.svg`).
  public func graphSVG() -> String { GraphDrawing(of: self).svg }
}
