import Foundation

/// Runs the built `optimize` executable (found next to the test binary) in a scratch
/// directory, capturing its exit status and both output streams.
struct OptimizeProcess {
  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static var executable: URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // `swift test` may run the tests from inside an .xctest bundle directory.
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("optimize")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/optimize")
  }

  /// A fresh empty directory for one test's files.
  static func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("optimize-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  private final class DataBox: @unchecked Sendable { var data = Data() }

  @discardableResult
  static func run(
    _ arguments: [String], in directory: URL, stdin: Data? = nil,
    environment: [String: String] = [:]
  ) throws -> Outcome {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.currentDirectoryURL = directory
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently so a chatty child never blocks on a full pipe.
    let errors = DataBox()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      errors.data = err.fileHandleForReading.readDataToEndOfFile()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errors.data, as: UTF8.self))
  }
}
