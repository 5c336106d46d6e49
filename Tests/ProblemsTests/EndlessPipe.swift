import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A named pipe that yields `#` characters (a TOML comment, valid UTF-8) for as long as anyone
/// reads it: a file whose size on disk is 0 and whose contents never end, like `/dev/zero`
/// (which not every machine has). The writer stops when the reader closes its end.
final class EndlessPipe: Sendable {
  let path: String

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("endless-\(UUID().uuidString).pipe").path
    guard mkfifo(path, 0o600) == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
    // Writing to a pipe whose reader has gone raises SIGPIPE, which would end the test process.
    signal(SIGPIPE, SIG_IGN)
    let path = self.path
    Thread.detachNewThread {
      // Blocks until a reader opens the pipe.
      let descriptor = open(path, O_WRONLY)
      guard descriptor >= 0 else { return }
      defer { close(descriptor) }
      let chunk = [UInt8](repeating: UInt8(ascii: "#"), count: 1 << 16)
      while chunk.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
  }

  deinit { unlink(path) }
}
