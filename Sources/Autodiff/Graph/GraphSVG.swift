extension GraphDrawing {
  /// The graph as SVG, laid out in rows: inputs at the top, each operation in the row of its
  /// generation (longest path from a leaf), a constant just above its first consumer, the
  /// output at the bottom; arrows run forward, from inputs to results. Within a row, nodes are
  /// ordered by the mean position of their inputs, which keeps most edges from crossing.
  /// Colours as in `dot`: leaves light blue, frozen inputs grey, retained gradients outlined
  /// twice, the output in bold.
  public var svg: String {
    let layout = GraphLayout(self)
    var out = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(layout.width)\" "
        + "height=\"\(layout.height)\" font-family=\"Helvetica, Arial, sans-serif\" "
        + "font-size=\"12\">",
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
        + "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
        + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>",
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
    ]
    for edge in edges {
      let a = layout.boxes[edge.from]
      let b = layout.boxes[edge.to]
      out.append(
        "<line x1=\"\(a.midX)\" y1=\"\(a.y + a.height)\" x2=\"\(b.midX)\" y2=\"\(b.y)\" "
          + "stroke=\"#555\" stroke-width=\"1\" marker-end=\"url(#arrow)\"/>")
    }
    for (i, node) in nodes.enumerated() {
      let box = layout.boxes[i]
      let fill: String
      switch node.kind {
      case .leaf: fill = "#cfe8ff"
      case .frozen: fill = "#e6e6e6"
      case .operation: fill = "#fff7d6"
      }
      let stroke = i == 0 ? "stroke=\"#000\" stroke-width=\"2.5\"" : "stroke=\"#333\""
      let radius = node.kind == .operation ? 14 : 3
      out.append(
        "<rect x=\"\(box.x)\" y=\"\(box.y)\" width=\"\(box.width)\" height=\"\(box.height)\" "
          + "rx=\"\(radius)\" fill=\"\(fill)\" \(stroke)/>")
      if node.retainsGrad {
        out.append(
          "<rect x=\"\(box.x - 3)\" y=\"\(box.y - 3)\" width=\"\(box.width + 6)\" "
            + "height=\"\(box.height + 6)\" rx=\"\(radius + 3)\" fill=\"none\" "
            + "stroke=\"#c0392b\" stroke-width=\"1.5\"/>")
      }
      let lines = [node.label] + (node.backward.map { [$0] } ?? [])
      for (k, line) in lines.enumerated() {
        let y = box.y + 16 + k * GraphLayout.lineHeight
        let style = k == 0 ? "" : " fill=\"#666\" font-size=\"10\""
        out.append(
          "<text x=\"\(box.midX)\" y=\"\(y)\" text-anchor=\"middle\"\(style)>"
            + "\(Self.xmlEscaped(line))</text>")
      }
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  static func xmlEscaped(_ text: String) -> String {
    text.map { c -> String in
      switch c {
      case "&": return "&amp;"
      case "<": return "&lt;"
      case ">": return "&gt;"
      case "\"": return "&quot;"
      default: return String(c)
      }
    }.joined()
  }
}

/// Where each node of a `GraphDrawing` goes in its SVG, in pixels.
struct GraphLayout {
  struct Box {
    var x = 0
    var y = 0
    var width = 0
    var height = 0
    var midX: Int { x + width / 2 }
  }

  static let lineHeight = 14
  static let rowGap = 46
  static let columnGap = 14
  static let margin = 20

  private(set) var boxes: [Box]
  private(set) var width = 0
  private(set) var height = 0

  init(_ graph: GraphDrawing) {
    let n = graph.nodes.count
    var consumers = [[Int]](repeating: [], count: n)
    var inputs = [[Int]](repeating: [], count: n)
    for edge in graph.edges {
      consumers[edge.from].append(edge.to)
      inputs[edge.to].append(edge.from)
    }
    // Inputs that require a gradient in the top row; constants just above their first consumer.
    let row = graph.nodes.enumerated().map { i, node -> Int in
      switch node.kind {
      case .operation: return node.generation
      case .leaf: return 0
      case .frozen:
        let first = consumers[i].map { graph.nodes[$0].generation }.min() ?? 1
        return Swift.max(first - 1, 0)
      }
    }
    let rowCount = (row.max() ?? 0) + 1
    var rows = [[Int]](repeating: [], count: rowCount)
    // Leaves in the order the walk from the output met them, reversed: the first operand first.
    for i in (0..<n).reversed() { rows[row[i]].append(i) }

    boxes = graph.nodes.map { node in
      let longest = Swift.max(node.label.count, node.backward?.count ?? 0)
      let lines = node.backward == nil ? 1 : 2
      return Box(width: 7 * longest + 20, height: 8 + 14 * lines + 2)
    }
    var rowHeights = [Int](repeating: 0, count: rowCount)
    for i in 0..<n { rowHeights[row[i]] = Swift.max(rowHeights[row[i]], boxes[i].height) }
    let rowWidths = rows.map { members in
      members.map { boxes[$0].width }.reduce(0, +) + Self.columnGap
        * Swift.max(members.count - 1, 0)
    }
    let widest = rowWidths.max() ?? 0
    var y = Self.margin
    for r in 0..<rowCount {
      if r > 0 {
        // Ordered by the mean centre of the inputs already placed.
        rows[r].sort { a, b in
          self.meanInputX(inputs[a]) < self.meanInputX(inputs[b])
        }
      }
      // Each row centred under the widest.
      var x = Self.margin + (widest - rowWidths[r]) / 2
      for i in rows[r] {
        boxes[i].x = x
        boxes[i].y = y
        x += boxes[i].width + Self.columnGap
      }
      y += rowHeights[r] + Self.rowGap
    }
    width = widest + 2 * Self.margin
    height = y - Self.rowGap + Self.margin
  }

  /// The mean centre of the given nodes' boxes; 0 when there are none placed.
  private func meanInputX(_ nodes: [Int]) -> Double {
    guard !nodes.isEmpty else { return 0 }
    return Double(nodes.map { boxes[$0].midX }.reduce(0, +)) / Double(nodes.count)
  }
}
