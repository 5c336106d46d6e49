import Testing

@testable import Reporting

@Suite struct InlineSVGTests {
  @Test func prefixesIdsAndReferencesAndDropsTheDeclaration() {
    let document = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg><clipPath id="plot"><rect/></clipPath><g clip-path="url(#plot)"><text>grid="x" id=&quot;a&quot;</text></g></svg>
      """
    #expect(
      InlineSVG.embed(document, idPrefix: "p3-")
        == """
        <svg><clipPath id="p3-plot"><rect/></clipPath><g clip-path="url(#p3-plot)"><text>grid="x" id=&quot;a&quot;</text></g></svg>
        """)
  }

  @Test func keepsADocumentWithoutDeclarationAndNonASCIIText() {
    let document = "<svg><text id=\"t\">f − f* ≤ 10⁻³</text></svg>"
    #expect(
      InlineSVG.embed(document, idPrefix: "x")
        == "<svg><text id=\"xt\">f − f* ≤ 10⁻³</text></svg>")
  }
}
