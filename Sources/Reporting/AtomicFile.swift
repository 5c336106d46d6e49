import Foundation

/// Writes files so that a reader sees either the old content or the complete new content,
/// never a truncated file: the data goes to a temporary file in the same directory, which is
/// flushed to disk (fsync) and then renamed over the destination (rename is atomic within a
/// file system). An interrupted run leaves at most a stray `.<name>.tmp-…` file.
public enum AtomicFile {
  /// Writes `data` to `url`, creating missing parent directories when `createDirectories` is set.
  public static func write(_ data: [UInt8], to url: URL, createDirectories: Bool = true)
    throws(ReportingError)
  {
    let directory = url.deletingLastPathComponent()
    if createDirectories { try createDirectory(at: directory) }
    let path = url.path
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    ).path

    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .cannotWrite(path: path, reason: ReportingError.reason(errno: errno))
    }
    var failure: ReportingError?
    var written = 0
    data.withUnsafeBytes { buffer in
      while written < buffer.count {
        let n = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          failure = .cannotWrite(path: path, reason: ReportingError.reason(errno: errno))
          return
        }
        written += n
      }
    }
    if failure == nil, fsync(fd) != 0 {
      failure = .cannotWrite(path: path, reason: ReportingError.reason(errno: errno))
    }
    if close(fd) != 0, failure == nil {
      failure = .cannotWrite(path: path, reason: ReportingError.reason(errno: errno))
    }
    if failure == nil, rename(temporary, path) != 0 {
      failure = .cannotWrite(path: path, reason: ReportingError.reason(errno: errno))
    }
    if let failure {
      unlink(temporary)
      throw failure
    }
    syncDirectory(directory.path)
  }

  /// Writes `text` as UTF-8 to `url`.
  public static func write(_ text: String, to url: URL, createDirectories: Bool = true)
    throws(ReportingError)
  {
    try write(Array(text.utf8), to: url, createDirectories: createDirectories)
  }

  /// Creates `url` and its missing parents; succeeds if it already is a directory.
  public static func createDirectory(at url: URL) throws(ReportingError) {
    let path = url.path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw .cannotCreateDirectory(path: path, reason: "a file of that name exists")
      }
      return
    }
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw .cannotCreateDirectory(path: path, reason: shortReason(error))
    }
  }

  /// Makes the rename durable; failure here loses nothing already visible, so it is ignored.
  private static func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }

  private static func shortReason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return ReportingError.reason(errno: Int32(underlying.code))
    }
    if nsError.domain == NSPOSIXErrorDomain {
      return ReportingError.reason(errno: Int32(nsError.code))
    }
    return nsError.localizedDescription
  }
}
