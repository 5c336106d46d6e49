import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a whole text file, refusing one larger than a limit without reading past it.
///
/// The size is found by reading, not from the file's attributes: a device or a pipe
/// (`/dev/zero`, `/dev/stdin`) reports a size of 0 and would otherwise be read forever.
enum BoundedFileReader {
  enum Failure: Error, Equatable {
    case missing
    case unreadable
    case tooLarge
    case notUTF8
  }

  static func text(atPath path: String, limit: Int) -> Result<String, Failure> {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return .failure(errno == ENOENT ? .missing : .unreadable) }
    defer { close(descriptor) }
    var bytes = [UInt8]()
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    defer { chunk.deallocate() }
    while bytes.count <= limit {
      let got = read(descriptor, chunk.baseAddress, chunk.count)
      if got < 0 && errno == EINTR { continue }
      // A directory opens but cannot be read (EISDIR).
      guard got >= 0 else { return .failure(.unreadable) }
      if got == 0 {
        guard let text = String(validating: bytes, as: UTF8.self) else {
          return .failure(.notUTF8)
        }
        return .success(text)
      }
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<got]))
    }
    return .failure(.tooLarge)
  }
}
