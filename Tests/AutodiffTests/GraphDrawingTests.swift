import Autodiff
import Testing

/// y = x·c + x with x = 3 an input, c = 2 frozen and the product retained. Walked from y: y (+),
/// then its inputs p (×, retained) and x, then p's new input c; arrows run forward.
@Suite struct GraphDrawingTests {
  static func example() -> Variable<Double> {
    let x = Variable<Double>(3, requiresGrad: true, name: "x")
    let c = Variable<Double>(2, name: "c")
    let p = x * c
    p.retainGrad()
    return p + x
  }

  @Test func theDOTTextMarksLeavesFrozenInputsRetainedGradientsAndTheOutput() {
    #expect(
      Self.example().graphDOT() == """
        digraph {
          rankdir=TB;
          node [fontname="Helvetica", fontsize=11];
          n0 [shape=ellipse, label="+\\nAddBackward", penwidth=2];
          n1 [shape=ellipse, label="*\\nMulBackward", peripheries=2];
          n2 [shape=box, style=filled, fillcolor="#cfe8ff", label="x = 3.0"];
          n3 [shape=box, style=filled, fillcolor="#e6e6e6", label="c = 2.0"];
          n1 -> n0;
          n2 -> n0;
          n2 -> n1;
          n3 -> n1;
        }

        """)
  }

  @Test func theSVGDrawsEveryNodeAndEdgeInputsAboveResults() throws {
    let svg = Self.example().graphSVG()
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(svg.components(separatedBy: "<line ").count - 1 == 4)
    // Four boxes and the retained gradient's second outline, over the white background.
    #expect(svg.components(separatedBy: "<rect ").count - 1 == 1 + 4 + 1)
    func top(of label: String) throws -> Int {
      let text = try #require(svg.range(of: ">\(label)</text>"))
      let line = svg[..<text.lowerBound].components(separatedBy: "\n").last ?? ""
      let y = try #require(line.components(separatedBy: "y=\"").dropFirst().first)
      return try #require(Int(y.prefix { $0.isNumber }))
    }
    #expect(try top(of: "x = 3.0") < top(of: "*"))
    #expect(try top(of: "c = 2.0") < top(of: "*"))
    #expect(try top(of: "*") < top(of: "+"))
  }

  @Test func aSharedSubexpressionIsDrawnOnce() {
    let x = Variable<Double>([1, 2], requiresGrad: true)
    let s = sum(x * x)
    let y = s * s
    let dot = y.graphDOT()
    #expect(dot.components(separatedBy: "SumBackward").count - 1 == 1)
    #expect(dot.contains("n1 -> n0;\n  n1 -> n0;"))
  }

  @Test func eachOperationNamesItsBackwardFunction() {
    #expect(Op.multiply.backwardName == "MulBackward")
    #expect(Op.power.backwardName == "PowBackward")
    #expect(Op.index(3).backwardName == "IndexBackward")
  }
}
