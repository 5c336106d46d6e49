import Foundation
import Problems

/// Turns `--problem` values into problem names or paths: a built-in name, a suite name
/// (`ProblemCatalog.suiteNames`: `classic`, the built-in problems of two variables, and `mgh`,
/// the 35 problems of Moré, Garbow & Hillstrom), a `.toml` file, a folder (its `.toml` files) or
/// a glob (`problems/*.toml`). Order is kept, duplicates dropped.
public enum ProblemSelection {
  public static func expand(_ values: [String]) throws(SweepError) -> [String] {
    var result: [String] = []
    for value in values {
      for part in value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
      where !part.isEmpty {
        result += try expandOne(part)
      }
    }
    var seen = Set<String>()
    return result.filter { seen.insert($0).inserted }
  }

  private static func expandOne(_ value: String) throws(SweepError) -> [String] {
    if let members = ProblemCatalog.suite(value) { return members }
    if ProblemCatalog.builtinNames.contains(value) { return [value] }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { return [value] }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: value)) ?? []
      let files = names.filter { $0.hasSuffix(".toml") }.sorted().map {
        URL(fileURLWithPath: value).appendingPathComponent($0).path
      }
      if files.isEmpty { throw SweepError("--problem \(value): the folder holds no .toml file") }
      return files
    }
    if value.contains(where: { "*?[".contains($0) }) {
      let matches = glob(value)
      if matches.isEmpty { throw SweepError("--problem \(value): the pattern matches no file") }
      return matches
    }
    // Neither a file nor a pattern: let the catalog say what is wrong (with its hints).
    do {
      _ = try ProblemCatalog.load(value)
    } catch {
      throw SweepError("\(error)")
    }
    return [value]
  }

  private static func glob(_ pattern: String) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
    return (0..<Int(result.gl_pathc)).compactMap { i in
      result.gl_pathv[i].map { String(cString: $0) }
    }.filter { $0.hasSuffix(".toml") }.sorted()
  }
}
