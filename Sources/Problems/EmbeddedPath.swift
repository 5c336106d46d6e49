/// Paths of the embedded copy of `problems/`, which has no file system to resolve them.
enum EmbeddedPath {
  /// The embedded key of a `data` path written in the built-in problem `problem` (`mgh/bard`):
  /// relative to that file's folder, with `.` and `..` resolved. Nil for an absolute path or one
  /// that climbs out of `problems/`.
  static func resolve(_ path: String, besideProblem problem: String) -> String? {
    guard !path.hasPrefix("/") else { return nil }
    var components = problem.split(separator: "/", omittingEmptySubsequences: false).dropLast()
      .map(String.init)
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch component {
      case ".": continue
      case "..":
        guard !components.isEmpty else { return nil }
        components.removeLast()
      default: components.append(String(component))
      }
    }
    return components.joined(separator: "/")
  }
}
