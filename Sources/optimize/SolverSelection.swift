import Autodiff
import Foundation
import GSLReference
import OptimizationCore
import Solvers

/// Turns `--solver` values into solvers from our catalog and GSL's.
enum SolverSelection {
  /// Every name `--solver` accepts, ours first.
  static var allNames: [String] { SolverCatalog.names + GSLCatalog.names }

  static func resolve(_ values: [String], settings: SolverSettings) throws -> [any Solver] {
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

    let ours = names.filter { SolverCatalog.names.contains($0) }
    let used = ours.reduce(into: Set<String>()) {
      $0.formUnion(SolverCatalog.settingNames(for: $1))
    }
    if let unused = settings.given.first(where: { !used.contains($0) }) {
      throw CommandFailure(
        "--\(unused == "learning-rate" ? "lr" : unused) is used by none of the selected solvers "
          + "(\(names.joined(separator: ", ")))")
    }
    return try names.map { name in
      if SolverCatalog.names.contains(name) {
        do {
          return try SolverCatalog.make(
            name, settings: settings.keeping(SolverCatalog.settingNames(for: name)))
        } catch {
          throw CommandFailure("\(error)")
        }
      }
      if GSLCatalog.names.contains(name) {
        return try GSLCatalog.make(name, settings: GSLSettings())
      }
      let nearest = NameSuggestion.nearest(to: name, among: allNames)
      let hint = nearest.isEmpty ? "" : " (did you mean \(nearest.joined(separator: ", "))?)"
      throw CommandFailure(
        "unknown solver '\(name)'\(hint); known solvers: \(allNames.joined(separator: ", "))")
    }
  }
}

/// Nearest names by edit distance, for "did you mean" hints.
enum NameSuggestion {
  static func nearest(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
    let scored = candidates.map { ($0, distance(name, $0)) }
    let threshold = max(2, name.count / 3)
    return scored.filter { $0.1 <= threshold || $0.0.hasPrefix(name) }
      .sorted { $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 < $1.1 }
      .prefix(limit).map(\.0)
  }

  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var row = Array(0...b.count)
    for i in 1...a.count {
      var previous = row[0]
      row[0] = i
      for j in stride(from: 1, through: b.count, by: 1) {
        let saved = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
        previous = saved
      }
    }
    return row[b.count]
  }
}
