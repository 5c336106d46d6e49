import Foundation
import Problems
import Testing

/// Issue 8's file-level guards: an empty file, a binary file and a 10 MB file are each refused
/// with one clear message naming the file, before any parsing work.
@Suite struct ProblemFileGuardTests {
  /// Writes `data` to a fresh temporary `.toml` file and returns its path.
  func temporaryFile(_ data: Data) throws -> String {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("fuzz-guard-\(UUID().uuidString).toml")
    try data.write(to: url)
    return url.path
  }

  /// The error loading the file at `path` throws, or nil if it loads.
  func loadError(_ path: String) -> ProblemError? {
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try ProblemCatalog.load(path)
      return nil
    } catch {
      return error
    }
  }

  @Test func emptyFileIsRefusedAsEmpty() throws {
    let path = try temporaryFile(Data())
    let error = try #require(loadError(path))
    #expect(error.description.hasPrefix(path))
    #expect(error.message.localizedCaseInsensitiveContains("empty"), "\(error)")
  }

  @Test func blankFileIsRefusedAsEmpty() throws {
    let path = try temporaryFile(Data(" \n\t\r\n".utf8))
    let error = try #require(loadError(path))
    #expect(error.message.localizedCaseInsensitiveContains("empty"), "\(error)")
  }

  /// A pipe that never ends is refused before it is read: it is not a regular file.
  @Test func endlessPipeIsRefusedAsNotARegularFile() throws {
    let pipe = try EndlessPipe()
    let error = try #require(loadError(pipe.path))
    #expect(error.description.hasPrefix(pipe.path))
    #expect(error.message.contains("not a regular file"), "\(error)")
  }

  /// A named pipe nobody writes to: opening it for reading waited forever before the fix (the
  /// suite hung here); now it is refused at once, as a problem file and as a data file.
  @Test func silentPipeIsRefusedAtOnce() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("silent-\(UUID().uuidString).pipe").path
    #expect(mkfifo(path, 0o600) == 0)
    defer { unlink(path) }
    #expect(dataLoadMessage(path).contains("not a regular file"))
    // Last: `loadError` removes what it loads.
    let error = try #require(loadError(path))
    #expect(error.message.contains("not a regular file"), "\(error)")
  }

  @Test func aFolderIsRefusedAsNotARegularFile() throws {
    // A folder of its own: `loadError` removes what it loads.
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("folder-\(UUID().uuidString).toml")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    let error = try #require(loadError(folder.path))
    #expect(error.message.contains("not a regular file"), "\(error)")
  }

  /// The message of loading a problem whose `data` is the file at `path`, or "" if it loads.
  func dataLoadMessage(_ path: String) -> String {
    let toml = """
      title = "t"
      variables = ["a"]
      data = "\(path)"
      residuals = ["a - y"]
      start = [0]
      """
    do {
      _ = try ProblemCatalog.load(toml: toml, name: "data", baseDirectory: nil)
      return ""
    } catch {
      return error.description
    }
  }

  @Test func endlessDataFileIsRefusedAsNotARegularFile() throws {
    let pipe = try EndlessPipe()
    let message = dataLoadMessage(pipe.path)
    #expect(message.contains("data") && message.contains(pipe.path))
    #expect(message.contains("not a regular file"), "\(message)")
  }

  @Test func dataFileThatIsNotTextIsRefused() throws {
    let csv = try temporaryFile(Data([0x79, 0x0A, 0xFF, 0xFE, 0x0A]))
    defer { try? FileManager.default.removeItem(atPath: csv) }
    #expect(dataLoadMessage(csv).contains("not UTF-8"))
  }

  @Test func invalidUTF8IsRefusedAsNotText() throws {
    let path = try temporaryFile(Data([0x7F, 0x45, 0x4C, 0x46, 0xFF, 0xFE, 0x00, 0xC3, 0x28]))
    let error = try #require(loadError(path))
    #expect(error.description.hasPrefix(path))
    #expect(error.message.contains("UTF-8"), "\(error)")
  }

  /// NUL and other control bytes are valid UTF-8 but no text a person wrote.
  @Test func controlBytesAreRefused() throws {
    let path = try temporaryFile(Data([0x00, 0x01, 0x02, 0x03] + Array("title = \"t\"\n".utf8)))
    let error = try #require(loadError(path))
    #expect(error.description.hasPrefix(path))
  }

  /// 10 MB of comments: well-formed TOML, far beyond any problem file. The message says the file
  /// is over the size limit rather than reaching the TOML parser.
  @Test func tenMegabyteFileIsRefusedAsTooLarge() throws {
    let line = Array(("# " + String(repeating: "x", count: 97) + "\n").utf8)
    var data = Data()
    data.reserveCapacity(10_000_000)
    for _ in 0..<100_000 { data.append(contentsOf: line) }
    let path = try temporaryFile(data)
    let error = try #require(loadError(path))
    #expect(error.description.hasPrefix(path))
    #expect(
      error.message.localizedCaseInsensitiveContains("limit")
        || error.message.localizedCaseInsensitiveContains("too large"), "\(error)")
  }
}
