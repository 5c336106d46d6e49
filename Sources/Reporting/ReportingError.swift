import Foundation

/// A failure to write or read a report; its description is one line naming what is wrong.
public enum ReportingError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
  /// A directory could not be created (or exists as something else).
  case cannotCreateDirectory(path: String, reason: String)
  /// A file could not be written.
  case cannotWrite(path: String, reason: String)
  /// A file could not be read.
  case cannotRead(path: String, reason: String)
  /// CSV text broke RFC 4180 at the given 1-based line.
  case malformedCSV(line: Int, reason: String)

  public var description: String {
    switch self {
    case .cannotCreateDirectory(let path, let reason):
      return "cannot create directory \(path): \(reason)"
    case .cannotWrite(let path, let reason):
      return "cannot write \(path): \(reason)"
    case .cannotRead(let path, let reason):
      return "cannot read \(path): \(reason)"
    case .malformedCSV(let line, let reason):
      return "malformed CSV at line \(line): \(reason)"
    }
  }

  public var errorDescription: String? { description }

  /// The C library's text for an errno value.
  static func reason(errno code: Int32) -> String {
    String(cString: strerror(code))
  }
}
