import Foundation
import Reporting

#if canImport(Glibc)
  import Glibc
#endif

/// Makes sure results can be written before any solver runs, so bad output paths cost nothing,
/// and makes the run the folder's only writer: it holds a lock on `.optimize.lock` there until
/// the process ends (however it ends: the kernel drops the lock), and removes the files the
/// previous run listed in `.optimize-files` before writing its own, so a rerun with fewer
/// solvers leaves no stale logs or plots. Files the toolkit did not write are left alone.
enum OutputDirectory {
  static let lockName = ".optimize.lock"
  static let manifestName = ".optimize-files"

  /// The folder, owned by this process until it exits.
  final class Lease: Sendable {
    let directory: URL
    private let descriptor: Int32

    fileprivate init(directory: URL, descriptor: Int32) {
      self.directory = directory
      self.descriptor = descriptor
    }

    /// Removes the files the previous run into this folder wrote (per its manifest), and the
    /// temporary files a killed run left: while this process holds the lock no other run writes
    /// here, so every one of them is stray.
    func removePreviousRun() {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      for name in names where AtomicFileWriter.isTemporaryName(name) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
      }
      let manifest = directory.appendingPathComponent(OutputDirectory.manifestName)
      guard let text = try? String(contentsOf: manifest, encoding: .utf8) else { return }
      for name in text.split(separator: "\n") where !name.contains("/") && !name.hasPrefix(".") {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(String(name)))
      }
      try? FileManager.default.removeItem(at: manifest)
    }

    /// Lists the files this run wrote, for the next run into the folder to remove.
    func recordFiles(_ names: [String]) throws {
      let text = names.map { $0 + "\n" }.joined()
      do {
        try Data(text.utf8).write(
          to: directory.appendingPathComponent(OutputDirectory.manifestName), options: .atomic)
      } catch {
        throw CommandFailure("cannot write \(directory.path)/\(OutputDirectory.manifestName)")
      }
    }
  }

  static func prepare(_ directory: URL) throws -> Lease {
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
    let lockPath = directory.appendingPathComponent(lockName).path
    let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw CommandFailure("cannot create the lock file \(lockPath)")
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      close(descriptor)
      throw CommandFailure(
        "another optimize run is writing \(directory.path) (it holds \(lockName) there); "
          + "wait for it to finish or choose another --output")
    }
    return Lease(directory: directory, descriptor: descriptor)
  }
}
