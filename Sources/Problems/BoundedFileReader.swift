import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a whole text file, refusing one larger than a limit without reading past it, and
/// anything that is not a regular file: a named pipe would block the open until a writer came
/// (forever, if none does), and a device or a pipe (`/dev/zero`, `/dev/stdin`) has no end.
enum BoundedFileReader {
  enum Failure: Error, Equatable {
    case missing
    case unreadable
    case tooLarge
    case notUTF8
    case notRegularFile
  }

  static func text(atPath path: String, limit: Int) -> Result<String, Failure> {
    var status = stat()
    guard stat(path, &status) == 0 else {
      return .failure(errno == ENOENT ? .missing : .unreadable)
    }
    guard status.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegularFile) }
    // O_NONBLOCK: should the path have become a pipe since, the open must not wait for a writer.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
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
