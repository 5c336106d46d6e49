import Foundation
import GSLReference
import OptimizationCore
import Solvers

/// Turns `--solver` values into solvers from our catalog and GSL's.
public enum SolverSelection {
  /// Every name `--solver` accepts, ours first.
  public static var allNames: [String] { SolverCatalog.names + GSLCatalog.names }

  /// The solver names that `--solver` values denote: comma-separated or repeated, `all` for
  /// every solver, `gsl` for GSL's; duplicates dropped, unknown names refused with a hint.
  public static func names(_ values: [String]) throws(RunConfigurationError) -> [String] {
    var names: [String] = []
    for value in values {
      for part in value.split(separator: ",") {
        let name = part.trimmingCharacters(in: .whitespaces).lowercased()
        if name.isEmpty { continue }
        if name == "all" {
          names.append(contentsOf: allNames)
        } else if name == "gsl" {
          names.append(contentsOf: GSLCatalog.names)
        } else {
          names.append(name)
        }
      }
    }
    if names.isEmpty { names = allNames }
    var seen = Set<String>()
    names = names.filter { seen.insert($0).inserted }
    for name in names where !allNames.contains(name) {
      let nearest = NameSuggestion.nearest(to: name, among: allNames)
      let hint = nearest.isEmpty ? "" : " (did you mean \(nearest.joined(separator: ", "))?)"
      throw RunConfigurationError(
        "unknown solver '\(name)'\(hint); known solvers: \(allNames.joined(separator: ", "))")
    }
    return names
  }

  /// The names given literally in `--solver` values (not through `all` or `gsl`).
  public static func explicitNames(_ values: [String]) -> Set<String> {
    Set(
      values.flatMap { $0.split(separator: ",") }
        .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        .filter { !$0.isEmpty && $0 != "all" && $0 != "gsl" })
  }

  /// Whether the named solver runs only on residual problems (least squares: Gauss–Newton,
  /// Levenberg–Marquardt, GSL's multifit methods); false for an unknown name.
  public static func requiresResiduals(_ name: String) -> Bool {
    if SolverCatalog.entry(name) != nil {
      return (try? SolverCatalog.make(name))?.requiresResiduals ?? false
    }
    return (try? GSLCatalog.make(name))?.requiresResiduals ?? false
  }

  /// Whether a solver can run on a problem: least-squares methods need a residual problem.
  public static func applies(_ name: String, toResidualProblem isResidual: Bool) -> Bool {
    isResidual || !requiresResiduals(name)
  }

  /// Checks that every given setting is read by at least one of the named solvers (so a
  /// typo'd command line is never silently ignored) and that each solver accepts its share.
  public static func validate(_ names: [String], settings: SolverSettings)
    throws(RunConfigurationError)
  {
    _ = try make(names, settings: settings)
  }

  /// The solvers, each configured with the settings it reads.
  public static func make(_ names: [String], settings: SolverSettings)
    throws(RunConfigurationError) -> [any Solver]
  {
    let ours = names.filter { SolverCatalog.names.contains($0) }
    let used = ours.reduce(into: Set<String>()) {
      $0.formUnion(SolverCatalog.settingNames(for: $1))
    }
    if let unused = settings.given.first(where: { !used.contains($0) }) {
      throw RunConfigurationError(
        "--\(unused) is used by none of the selected solvers (\(names.joined(separator: ", ")))")
    }
    var solvers: [any Solver] = []
    for name in names {
      do {
        if SolverCatalog.names.contains(name) {
          solvers.append(
            try SolverCatalog.make(
              name, settings: settings.keeping(SolverCatalog.settingNames(for: name))))
        } else {
          solvers.append(try GSLCatalog.make(name, settings: GSLSettings()))
        }
      } catch let error as SolverCatalogError {
        // Setting names are the command line's option names.
        throw RunConfigurationError(error.setting == nil ? "\(error)" : "--\(error)")
      } catch {
        throw RunConfigurationError("\(error)")
      }
    }
    return solvers
  }
}
