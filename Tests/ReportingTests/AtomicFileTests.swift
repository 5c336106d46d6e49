import Foundation
import Testing

@testable import Reporting

@Suite struct AtomicFileTests {
  /// A fresh empty directory under the system temporary directory.
  func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "reporting-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func contents(of url: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }

  @Test func replacesContentAndLeavesNoTemporaryFile() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("summary.csv")
    try AtomicFile.write("old content, longer than the new\n", to: file)
    try AtomicFile.write("new\n", to: file)
    #expect(try String(contentsOf: file, encoding: .utf8) == "new\n")
    #expect(try contents(of: dir) == ["summary.csv"])
  }

  @Test func createsMissingDirectories() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("a/b/log.csv")
    try AtomicFile.write([0x41, 0x0A], to: file)
    #expect(try Data(contentsOf: file) == Data([0x41, 0x0A]))
  }

  @Test func aFileInTheWayIsReportedAndNothingIsCreated() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let blocker = dir.appendingPathComponent("results")
    try AtomicFile.write("I am a file\n", to: blocker)
    let target = blocker.appendingPathComponent("run/log.csv")
    let error = #expect(throws: ReportingError.self) {
      try AtomicFile.write("data", to: target)
    }
    #expect(error?.description.hasPrefix("cannot create directory \(blocker.path)") == true)
    #expect(try contents(of: dir) == ["results"])
    #expect(try String(contentsOf: blocker, encoding: .utf8) == "I am a file\n")
  }

  @Test func aMissingDirectoryWithoutCreationIsAWriteError() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("missing/log.csv")
    #expect(
      throws: ReportingError.cannotWrite(path: target.path, reason: "No such file or directory")
    ) {
      try AtomicFile.write("data", to: target, createDirectories: false)
    }
    #expect(try contents(of: dir) == [])
  }

  // Root ignores permission bits, so this case runs only for an ordinary user.
  @Test(.enabled(if: getuid() != 0)) func readOnlyDirectoryIsReported() throws {
    let dir = try scratchDirectory()
    defer {
      chmod(dir.path, 0o755)
      try? FileManager.default.removeItem(at: dir)
    }
    chmod(dir.path, 0o555)
    let target = dir.appendingPathComponent("log.csv")
    #expect(throws: ReportingError.cannotWrite(path: target.path, reason: "Permission denied")) {
      try AtomicFile.write("data", to: target)
    }
    #expect(try contents(of: dir) == [])
  }

  // Root ignores permission bits: as root the same write is made by a child process that has
  // given up root for the unprivileged user `nobody` (65534), so the denial path runs in CI too.
  @Test(.enabled(if: getuid() == 0)) func readOnlyDirectoryIsReportedToAnUnprivilegedChild()
    async throws
  {
    let dir = try scratchDirectory()
    defer {
      chmod(dir.path, 0o755)
      try? FileManager.default.removeItem(at: dir)
    }
    chmod(dir.path, 0o555)
    let path: String = dir.path
    await #expect(processExitsWith: .success) { [path = path as String] in
      guard setgid(65534) == 0, setuid(65534) == 0 else { exit(2) }
      let target = URL(fileURLWithPath: path).appendingPathComponent("log.csv")
      do {
        try AtomicFile.write("data", to: target)
        exit(3)
      } catch ReportingError.cannotWrite(path: target.path, reason: "Permission denied") {
        exit(0)
      } catch {
        exit(4)
      }
    }
    #expect(try contents(of: dir) == [])
  }
}
