import Foundation

/// The files through which a run reports what it found, in one output directory:
/// - `current-input.toml`: the input being run, rewritten before each input, so that when the
///   process dies the culprit is on disk;
/// - `current-index.txt`: its index and strategy;
/// - `hang-<index>.toml`, `violation-<index>.toml` (+ `.txt`): inputs that hung or broke the
///   contract.
final class FindingFiles: Sendable {
  let directory: URL
  private let inputDescriptor: Int32
  private let indexDescriptor: Int32

  init(directory: URL) throws {
    self.directory = directory
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    inputDescriptor = try Self.open(directory.appendingPathComponent("current-input.toml"))
    indexDescriptor = try Self.open(directory.appendingPathComponent("current-index.txt"))
  }

  private static func open(_ url: URL) throws -> Int32 {
    let fd = Glibc.open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
    }
    return fd
  }

  /// Replaces the contents of the current-input files. A plain write without fsync: what has to
  /// survive is the process, not the machine.
  func recordCurrent(_ text: String, index: UInt64, strategy: String) {
    Self.replace(inputDescriptor, with: text)
    Self.replace(indexDescriptor, with: "\(index) \(strategy)\n")
  }

  private static func replace(_ fd: Int32, with text: String) {
    var text = text
    text.withUTF8 { buffer in
      var written = 0
      while written < buffer.count {
        let n = pwrite(fd, buffer.baseAddress! + written, buffer.count - written, off_t(written))
        if n <= 0 { break }
        written += n
      }
      _ = ftruncate(fd, off_t(buffer.count))
    }
  }

  /// Saves a finding: the input, and a note of what happened.
  func save(_ kind: String, index: UInt64, input: String, note: String) {
    let stem = directory.appendingPathComponent("\(kind)-\(index)")
    try? input.write(to: stem.appendingPathExtension("toml"), atomically: false, encoding: .utf8)
    try? note.write(to: stem.appendingPathExtension("txt"), atomically: false, encoding: .utf8)
  }
}
