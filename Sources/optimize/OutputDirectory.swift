import Foundation

/// Makes sure results can be written before any solver runs, so bad output paths cost nothing.
enum OutputDirectory {
  static func prepare(_ directory: URL) throws {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw CommandFailure("output path \(directory.path) exists and is not a directory")
      }
    } else {
      do {
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
      } catch {
        throw CommandFailure("cannot create output directory \(directory.path)")
      }
    }
    guard manager.isWritableFile(atPath: directory.path) else {
      throw CommandFailure("output directory \(directory.path) is not writable")
    }
  }
}
