import Foundation
import Testing

@testable import Reporting

@Suite struct SweepHTMLReportTests {
  let hostile = "<script>alert('x')</script>"

  func html(solvers: [String] = FakeSweep.solvers) throws -> String {
    try FakeSweep.report(solvers: solvers, instanceCount: 8).html()
  }

  /// The `<svg …>…</svg>` fragments of a page.
  func svgFragments(_ page: String) -> [String] {
    var fragments: [String] = []
    var rest = Substring(page)
    while let open = rest.range(of: "<svg") {
      guard let close = rest.range(of: "</svg>", range: open.upperBound..<rest.endIndex) else {
        fragments.append(String(rest[open.lowerBound...]))
        break
      }
      fragments.append(String(rest[open.lowerBound..<close.upperBound]))
      rest = rest[close.upperBound...]
    }
    return fragments
  }

  @Test func noReferenceLeavesThePageButTheSVGNamespace() throws {
    let page = try html()
    let rest = page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
    #expect(!rest.lowercased().contains("http"))
    #expect(!rest.lowercased().contains("<script"))
    #expect(!rest.lowercased().contains("<link"))
    #expect(!rest.lowercased().contains("@import"))
  }

  @Test func everySVGIsClosedAndWellFormed() throws {
    let page = try html()
    let fragments = svgFragments(page)
    // 3 profile figures, 8 convergence plots, 5 + 5 swatches in the tables.
    #expect(fragments.count == 3 + 8 + 10)
    #expect(
      page.components(separatedBy: "<svg").count == page.components(separatedBy: "</svg>").count)
    for fragment in fragments {
      // Swatches are inline HTML SVG without a namespace; XMLParser does not mind.
      #expect(XMLCheck.parse(fragment) != nil, "malformed: \(fragment.prefix(80))")
    }
  }

  @Test func idsAreUniqueAcrossThePage() throws {
    let page = try html()
    let ids = page.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    #expect(!ids.isEmpty)
    #expect(Set(ids).count == ids.count)
  }

  @Test func aHostileSolverNameIsEscapedEverywhere() throws {
    let page = try html(solvers: ["lbfgs", hostile])
    #expect(!page.contains("<script"))
    #expect(page.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"))
  }

  @Test func linksMustBeRelative() throws {
    for path in ["http://example.com/x.csv", "/etc/passwd", "javascript:alert(1)", "//host/x"] {
      var report = FakeSweep.report(instanceCount: 2)
      report.links = [.init(label: "x", path: path)]
      #expect(throws: ProfileError.linkNotRelative(path)) { try report.html() }
    }
  }

  @Test func manyInstancesAreFoldedAndFewAreNot() throws {
    #expect(
      try FakeSweep.report(instanceCount: 8).html().components(separatedBy: "<details>").count == 9)
    #expect(try !FakeSweep.report(instanceCount: 3).html().contains("<details>"))
  }
}

extension FakeSweep {
  /// The fake sweep's report: 20 instances by default, with a description and two links.
  static func report(solvers: [String] = solvers, instanceCount: Int = 20) -> SweepHTMLReport {
    SweepHTMLReport(
      title: "Sweep: MGH problems × 5 solvers",
      description: [
        ("problems", "mgh/* (\(instanceCount) instances, n = 2 … 50)"),
        ("starts", "4 per problem, seeds 1–4"),
        ("targets", "ε = 1e-1, 1e-3, 1e-6 of f(x₀) − f*"),
        ("budget", "1000 evaluations per run"),
      ],
      outcomes: outcomes(solvers: solvers, instanceCount: instanceCount), targets: targets,
      links: [
        .init(label: "runs.csv", path: "runs.csv"),
        .init(label: "performance profiles", path: "profiles/performance.csv"),
      ])
  }
}
