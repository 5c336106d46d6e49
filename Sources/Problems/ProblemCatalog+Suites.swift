/// Named sets of built-in problems, for sweeps over many problems at once.
extension ProblemCatalog {
  /// The names `suite(_:)` knows.
  public static let suiteNames = ["classic", "mgh"]

  /// The sorted built-in problem names of a suite, or nil for an unknown suite name:
  /// - `mgh`: every file of `problems/mgh/` (Moré, Garbow & Hillstrom 1981, all 35 problems);
  /// - `classic`: the top-level built-in problems with exactly two scalar unknowns.
  public static func suite(_ name: String) -> [String]? {
    switch name {
    case "mgh": return builtinNames.filter { $0.hasPrefix("mgh/") }
    case "classic": return classicNames
    default: return nil
    }
  }

  /// Decided from the loaded files rather than a hand-kept list, so a new two-variable problem
  /// joins the suite by being added to `problems/`. A built-in file that fails to load is left
  /// out here; the tests load every one of them.
  private static let classicNames: [String] = builtinNames.filter { name in
    guard !name.contains("/"), let problem = try? load(name) else { return false }
    return problem.variables.count == 2 && problem.variables.allSatisfy { $0.shape.isScalar }
  }
}
