import Foundation

/// Writes files so that a reader sees either the old content or the complete new content,
/// never a truncated file: the data goes to a temporary file in the same directory, which is
/// flushed to disk (fsync) and then renamed over the destination (rename is atomic within a
/// file system). A killed process leaves at most a stray `.<name>.tmp-…` file. Files written
/// piece by piece use `AtomicFileWriter`, which does the same.
public enum AtomicFile {
  /// Writes `data` to `url`, creating missing parent directories when `createDirectories` is set.
  public static func write(_ data: [UInt8], to url: URL, createDirectories: Bool = true)
    throws(ReportingError)
  {
    let file = try AtomicFileWriter(url: url, createDirectories: createDirectories)
    file.append(data)
    try file.commit()
  }

  /// Writes `text` as UTF-8 to `url`.
  public static func write(_ text: String, to url: URL, createDirectories: Bool = true)
    throws(ReportingError)
  {
    let file = try AtomicFileWriter(url: url, createDirectories: createDirectories)
    file.append(text)
    try file.commit()
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
