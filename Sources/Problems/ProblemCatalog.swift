import Foundation
import OptimizationCore

/// Finds and loads problems: the built-in ones (embedded in the binary at build time from the
/// package's `problems/` directory and its subfolders) by name, and a user's own by path.
public enum ProblemCatalog {
  /// Sorted names of the built-in problems: their paths below `problems/` without `.toml`,
  /// "goldstein", …, "mgh/rosenbrock", ….
  public static var builtinNames: [String] {
    embeddedProblemFiles.keys.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
      .sorted()
  }

  /// The largest problem file accepted, in bytes.
  public static let maximumFileSize = 1 << 20
  /// The largest `data` CSV accepted, in bytes.
  public static let maximumDataFileSize = 64 << 20

  /// Loads a built-in problem by name (`goldstein`) or a problem file by path (anything
  /// containing `/` or ending in `.toml`). An unknown name fails with the nearest names.
  /// `parameters` override the file's `[parameters]`; overriding an unknown one is an error.
  public static func load(_ nameOrPath: String, parameters: [String: Double] = [:])
    throws(ProblemError) -> Problem
  {
    if let text = embeddedProblemFiles[nameOrPath + ".toml"] {
      return try ProblemLoader(
        file: "problems/\(nameOrPath).toml", name: nameOrPath, text: text,
        readData: { path in
          EmbeddedPath.resolve(path, besideProblem: nameOrPath)
            .flatMap { embeddedProblemFiles[$0] }.map { .success($0) } ?? .failure(.missing)
        }, overrides: parameters
      ).load()
    }
    guard nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") else {
      var message = "no built-in problem named '\(nameOrPath)'"
      let near = NameSuggestion.nearest(to: nameOrPath, among: builtinNames)
      if !near.isEmpty {
        message += "; did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?"
      }
      message += " (give a path to load a file of your own)"
      throw ProblemError(file: nameOrPath, message)
    }
    let url = URL(fileURLWithPath: nameOrPath)
    // A problem file is a few lines of text; anything this large is a mistake (large data
    // belongs in a `data` CSV), and reading it whole would only waste memory.
    let text: String
    switch BoundedFileReader.text(atPath: url.path, limit: maximumFileSize) {
    case .success(let contents): text = contents
    case .failure(.missing):
      throw ProblemError(file: nameOrPath, "no such file")
    case .failure(.unreadable):
      throw ProblemError(file: nameOrPath, "cannot read the file")
    case .failure(.tooLarge):
      throw ProblemError(
        file: nameOrPath,
        "the file is larger than \(maximumFileSize) bytes, the limit for problem files "
          + "(put large data in a `data` CSV)")
    case .failure(.notRegularFile):
      throw ProblemError(
        file: nameOrPath, "not a regular file (a pipe, device or folder is not read)")
    case .failure(.notUTF8):
      throw ProblemError(file: nameOrPath, "the file is not UTF-8 text")
    }
    return try load(
      toml: text, file: nameOrPath, name: url.deletingPathExtension().lastPathComponent,
      baseDirectory: url.deletingLastPathComponent(), parameters: parameters)
  }

  /// Loads a problem from the text of a file. `data` paths resolve against `baseDirectory`
  /// (the current directory when nil). Messages name the file `name`.
  public static func load(
    toml: String, name: String, baseDirectory: URL?, parameters: [String: Double] = [:]
  ) throws(ProblemError) -> Problem {
    try load(
      toml: toml, file: name, name: name, baseDirectory: baseDirectory, parameters: parameters)
  }

  static func load(
    toml: String, file: String, name: String, baseDirectory: URL?, parameters: [String: Double]
  ) throws(ProblemError) -> Problem {
    let base = baseDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    return try ProblemLoader(
      file: file, name: name, text: toml,
      readData: { path in
        let url =
          path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        return BoundedFileReader.text(atPath: url.path, limit: maximumDataFileSize)
      },
      overrides: parameters
    ).load()
  }
}
