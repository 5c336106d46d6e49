import Foundation
import Reporting
import Testing

/// Iteration logs are streamed to a temporary file while a run goes and appear under their name
/// only complete.
@Suite("streamed iteration logs", .serialized)
struct StreamedLogTests {
  /// SGD on sqrt2 never reaches a zero gradient, so with --gtol 0 it makes every iteration.
  static let longRun = [
    "--problem", "sqrt2", "--solver", "sgd", "--lr", "0.01", "--gtol", "0",
  ]

  @Test("a long run's log has a row for every iteration")
  func everyIteration() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try OptimizeProcess.run(
      Self.longRun + ["--max-iter", "30000", "--quiet"], in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let results = directory.appendingPathComponent("results/sqrt2")
    let log = try CSVTable(
      String(contentsOf: results.appendingPathComponent("sgd.csv"), encoding: .utf8))
    #expect(log.column("iteration") == (0...30000).map { String($0) })
    let files = try FileManager.default.contentsOfDirectory(atPath: results.path)
    #expect(!files.contains { $0.contains(".tmp-") }, "\(files)")
  }

  @Test("a killed run leaves its log only as a temporary file, never a partial log")
  func killedRun() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let process = Process()
    process.executableURL = OptimizeProcess.executable
    process.arguments = Self.longRun + ["--max-iter", "1000000000", "--no-plots", "--quiet"]
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let results = directory.appendingPathComponent("results/sqrt2")
    // The run is under way once its temporary log has grown past the write buffer.
    func temporaryLogSize() -> Int {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: results.path)) ?? []
      guard let name = names.first(where: { $0.hasPrefix(".sgd.csv.tmp-") }) else { return 0 }
      let attributes = try? FileManager.default.attributesOfItem(
        atPath: results.appendingPathComponent(name).path)
      return (attributes?[.size] as? Int) ?? 0
    }
    let deadline = Date().addingTimeInterval(60)
    while temporaryLogSize() < 1 << 17 && Date() < deadline && process.isRunning {
      usleep(20_000)
    }
    let streamed = temporaryLogSize()
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()

    #expect(streamed >= 1 << 17, "the log was not streamed while the run went")
    let files = try FileManager.default.contentsOfDirectory(atPath: results.path)
    #expect(!files.contains("sgd.csv"), "\(files)")
    #expect(!files.contains("summary.csv"), "\(files)")
  }
}
