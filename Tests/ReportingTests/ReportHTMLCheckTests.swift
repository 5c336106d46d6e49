import Foundation
import Testing

@testable import Reporting

/// Runs scripts/check_report_html.sh (headless Chromium) on a fake sweep's report, and on a
/// page with a broken image and a console error, which it must reject. `make test` installs
/// Debian's chromium (scripts/setup-test.sh); without it these tests fail rather than pass unseen.
@Suite struct ReportHTMLCheckTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../scripts/check_report_html.sh").standardized.path

  func check(_ html: String) throws -> Int32 {
    let chromium = try #require(
      Browser.chromium, "headless Chromium is needed: run `make test` or apt-get install chromium")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "report-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = dir.appendingPathComponent("report.html")
    try html.write(to: page, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [Self.script, page.path, dir.appendingPathComponent("shot.png").path]
    process.environment = ProcessInfo.processInfo.environment.merging(
      ["CHROMIUM": chromium], uniquingKeysWith: { $1 })
    try process.run()
    process.waitUntilExit()
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("shot.png").path))
    return process.terminationStatus
  }

  @Test func theReportLoadsWithoutErrors() throws {
    #expect(try check(FakeSweep.report().html()) == 0)
  }

  @Test func aBrokenPageIsRejected() throws {
    let broken =
      "<!DOCTYPE html><html><body><img src=\"missing.png\">"
      + "<script>console.error('boom')</script></body></html>"
    #expect(try check(broken) != 0)
  }
}

enum Browser {
  static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
}
