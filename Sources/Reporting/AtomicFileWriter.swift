import Foundation

/// A file written piece by piece and published whole: the bytes go to a temporary file in the
/// destination's folder (`.<name>.tmp-<pid>-<random>`) through a fixed-size buffer, and `commit`
/// flushes it, syncs it to disk (fsync) and renames it over the destination, which a reader sees
/// either as before or complete. A writer that is discarded, or released without a commit,
/// removes its temporary file; only a killed process leaves one behind.
public final class AtomicFileWriter {
  /// The destination.
  public let url: URL
  let temporaryPath: String
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private static let bufferSize = 1 << 16
  /// The first failure; every later call reports it again.
  public private(set) var failure: ReportingError?
  /// Bytes handed to `append` so far.
  public private(set) var byteCount = 0

  /// Opens the temporary file, creating missing parent folders when `createDirectories` is set.
  public init(url: URL, createDirectories: Bool = true) throws(ReportingError) {
    let directory = url.deletingLastPathComponent()
    if createDirectories { try AtomicFile.createDirectory(at: directory) }
    self.url = url
    temporaryPath =
      directory.appendingPathComponent(
        ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
      ).path
    descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .cannotWrite(path: url.path, reason: ReportingError.reason(errno: errno))
    }
    buffer.reserveCapacity(Self.bufferSize)
  }

  deinit { discard() }

  /// Whether a file name is one of this writer's temporary files (`.<name>.tmp-<pid>-<n>`), as
  /// a killed process leaves behind.
  public static func isTemporaryName(_ name: String) -> Bool {
    guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else {
      return false
    }
    let tail = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
    return marker.lowerBound > name.index(after: name.startIndex) && tail.count == 2
      && tail.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
  }

  /// Appends bytes; a write error is kept in `failure` and thrown by `commit`.
  public func append(_ bytes: [UInt8]) {
    guard failure == nil, descriptor >= 0 else { return }
    byteCount += bytes.count
    if bytes.count >= Self.bufferSize {
      flush()
      bytes.withUnsafeBytes { writeAll($0) }
    } else {
      buffer.append(contentsOf: bytes)
      if buffer.count >= Self.bufferSize { flush() }
    }
  }

  /// Appends text as UTF-8.
  public func append(_ text: String) {
    guard failure == nil, descriptor >= 0 else { return }
    byteCount += text.utf8.count
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.bufferSize { flush() }
  }

  /// Publishes the file under its name. Throws the first write failure, if any, in which case
  /// the temporary file is removed and the destination left as it was.
  public func commit() throws(ReportingError) {
    guard descriptor >= 0 else {
      throw failure ?? .cannotWrite(path: url.path, reason: "already committed or discarded")
    }
    flush()
    if failure == nil, fsync(descriptor) != 0 { fail(errno) }
    if close(descriptor) != 0, failure == nil { fail(errno) }
    descriptor = -1
    if failure == nil, rename(temporaryPath, url.path) != 0 { fail(errno) }
    if let failure {
      unlink(temporaryPath)
      throw failure
    }
    Self.syncDirectory(url.deletingLastPathComponent().path)
  }

  /// Abandons the file: the temporary file is removed, the destination left as it was.
  public func discard() {
    guard descriptor >= 0 else { return }
    close(descriptor)
    descriptor = -1
    unlink(temporaryPath)
  }

  /// Hands the buffered bytes to the kernel.
  func flush() {
    guard failure == nil, descriptor >= 0, !buffer.isEmpty else { return }
    buffer.withUnsafeBytes { writeAll($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  private func writeAll(_ bytes: UnsafeRawBufferPointer) {
    var written = 0
    while failure == nil, written < bytes.count {
      let n = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
      if n < 0 {
        if errno != EINTR { fail(errno) }
      } else {
        written += n
      }
    }
  }

  private func fail(_ code: Int32) {
    if failure == nil {
      failure = .cannotWrite(path: url.path, reason: ReportingError.reason(errno: code))
    }
  }

  /// Makes the rename durable; failure here loses nothing already visible, so it is ignored.
  private static func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }
}
