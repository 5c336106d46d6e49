import Foundation
import TOMLKit
import Testing

@testable import Problems

/// The scan that keeps text toml++ would abort on away from it: it must flag exactly those
/// shapes, at the right place, and never valid TOML.
@Suite struct TOMLPrecheckTests {
  /// Valid TOML that exercises everything the scan tracks: each snippet is also accepted by
  /// toml++ itself (checked below), so "valid" does not rest on the scan's own judgement.
  static let validSnippets = [
    "x = [1, 2,\n  3, # a comment with } and [=\n]",
    "x = [ ]\ny = []",
    "a = \"\"\"\n[=\nx = [}\n\"\"\"",
    "a = '''\n[\n}'''",
    "a = \"\"\"quote at the end\"\"\"\"\nb = 1",
    "a = 'C:\\\\path\\\\[}'\nb = \"escaped \\\" quote [}\"",
    "[\"quoted ] key\"]\nx = 1",
    "[ spaced . key ] # comment [=\nx = 1",
    "[[points]]\nx = 1\n[[points]]\nx = 2",
    "[[odd]]\nx = 1",
    "x = [{a = [1, 2]}, {b = {c = [3]}}]",
    "\"a#b\" = 1\n'c=d' = 2\ne.\"f\".g = [\n  [1], [2, [3]],\n]",
    "title = \"t\"\r\nx = [1,\r\n 2]\r\n[t]\r\ny = 1\r\n",
    "\u{FEFF}x = 1",
    "x = 1979-05-27T07:32:00Z\ny = inf\nz = -nan\nw = 0x1F",
    "",
    "# only a comment",
  ]

  @Test(arguments: validSnippets)
  func validTOMLIsNotFlagged(_ toml: String) throws {
    _ = try TOMLTable(string: toml)
    #expect(TOMLPrecheck.firstFault(in: toml) == nil)
  }

  @Test func shippedProblemFilesAreNotFlagged() throws {
    let directory = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("problems")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".toml") }
    #expect(files.count >= 10)
    for file in files {
      let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
      #expect(TOMLPrecheck.firstFault(in: text) == nil, "\(file)")
    }
  }

  /// Positions counted by hand, 1-based, in Unicode scalars.
  @Test func tableHeaderFaultsAreLocated() throws {
    let equals = try #require(TOMLPrecheck.firstFault(in: "x = 1\n[=\n"))
    #expect((equals.line, equals.column) == (2, 2))
    #expect(equals.message.contains("'='"))
    let lineEnd = try #require(TOMLPrecheck.firstFault(in: "title = \"t\"\n  [\n"))
    #expect((lineEnd.line, lineEnd.column) == (2, 4))
    #expect(lineEnd.message.contains("end of the line"))
    let triple = try #require(TOMLPrecheck.firstFault(in: "[[ [1]]]"))
    #expect((triple.line, triple.column) == (1, 4))
  }

  @Test func braceFaultsAreLocated() throws {
    let direct = try #require(TOMLPrecheck.firstFault(in: "x=[}"))
    #expect((direct.line, direct.column) == (1, 4))
    let later = try #require(TOMLPrecheck.firstFault(in: "a = 'x'\nb = [1,\n  }"))
    #expect((later.line, later.column) == (3, 3))
  }

  /// Where toml++ reports an error of its own (a `}` after an element, a blank between `[[`'s
  /// brackets), the scan leaves the text to it.
  @Test func errorsTOMLReportsItselfAreLeftToIt() {
    for toml in ["x = [1 }", "[ [a]]", "x = \"unterminated\n[=", "key without equals\n[="] {
      #expect(TOMLPrecheck.firstFault(in: toml) == nil, "\(toml)")
      #expect(throws: (any Error).self) { try TOMLTable(string: toml) }
    }
  }

  /// The loader reports the first error in the file: a syntax error before the fault is the
  /// one named, and otherwise the fault with its line and column.
  @Test func loaderReportsTheFirstError() {
    func message(_ toml: String) -> String {
      do {
        _ = try ProblemCatalog.load(toml: toml, name: "p", baseDirectory: nil)
        return ""
      } catch {
        return error.description
      }
    }
    let earlier = message("title = \"t\"\nx = \n[=\n")
    #expect(earlier.contains("line 2"))
    #expect(!earlier.contains("table header"))
    let fault = message("title = \"t\"\nstart = [5, }\n")
    #expect(fault.contains("line 2, column 13"))
    #expect(fault.contains("expected an array element or ']', found '}'"))
  }
}
