import OptimizationCore

/// A solver name or setting the catalog cannot accept; the message says what is wrong.
public struct SolverCatalogError: Error, CustomStringConvertible, Sendable {
  public let description: String
  /// The setting whose value was refused, if that was the problem.
  public let setting: String?
  public init(description: String, setting: String? = nil) {
    self.description = description
    self.setting = setting
  }
}

/// One method of the catalog: its stable name, the settings it reads and how it is made from
/// them. Each solver declares its own entry next to its code.
public struct SolverCatalogEntry: Sendable {
  public let name: String
  public let settings: [SolverSetting]
  let make: @Sendable (SolverSettings) throws(SolverCatalogError) -> any Solver

  public init(
    name: String, settings: [SolverSetting] = [],
    make: @escaping @Sendable (SolverSettings) throws(SolverCatalogError) -> any Solver
  ) {
    self.name = name
    self.settings = settings
    self.make = make
  }

  public var settingNames: [String] { settings.map(\.name) }
}

/// Every method of this module by its stable name.
public enum SolverCatalog {
  public static let entries: [SolverCatalogEntry] = [
    SteepestDescent.catalogEntry, Newton.catalogEntry, NewtonTrustRegion.catalogEntry,
    SGD.catalogEntry, Momentum.catalogEntry(nesterov: false), Momentum.catalogEntry(nesterov: true),
    Adam.catalogEntry, BFGS.catalogEntry, LBFGS.catalogEntry,
    ConjugateGradient.catalogEntry(.polakRibiere), ConjugateGradient.catalogEntry(.fletcherReeves),
    NelderMead.catalogEntry, GaussNewton.catalogEntry, LevenbergMarquardt.catalogEntry,
    // Methods for bounds (a box in `SolverOptions.bounds`).
    ProjectedGradient.catalogEntry, LBFGSB.catalogEntry,
  ]

  public static var names: [String] { entries.map(\.name) }

  /// The methods that run on every problem: all but the least-squares ones, which need
  /// residuals (`Solver.requiresResiduals`).
  public static var namesForEveryProblem: [String] {
    entries.filter { (try? $0.make(SolverSettings()))?.requiresResiduals == false }.map(\.name)
  }

  public static func entry(_ name: String) -> SolverCatalogEntry? {
    entries.first { $0.name == name }
  }

  /// Every setting some method reads, each once, in catalog order.
  public static var allSettings: [SolverSetting] {
    var seen = Set<String>()
    return entries.flatMap(\.settings).filter { seen.insert($0.name).inserted }
  }

  /// The settings a method uses; empty for an unknown name.
  public static func settingNames(for name: String) -> Set<String> {
    Set(entry(name)?.settingNames ?? [])
  }

  public static var all: [any Solver] {
    entries.compactMap { try? $0.make(SolverSettings()) }
  }

  /// The method called `name`, configured by `settings`: every setting given must be one the
  /// method reads, with a value in its domain.
  public static func make(_ name: String, settings: SolverSettings = SolverSettings())
    throws(SolverCatalogError) -> any Solver
  {
    guard let entry = entry(name) else {
      let near = NameSuggestion.nearest(to: name, among: names)
      let hint = near.isEmpty ? "" : " (did you mean \(near.joined(separator: ", "))?)"
      throw SolverCatalogError(
        description:
          "unknown solver '\(name)'\(hint); the solvers are: \(names.joined(separator: ", "))")
    }
    let unused = settings.given.filter { !entry.settingNames.contains($0) }
    if !unused.isEmpty {
      let uses = entry.settings.isEmpty ? "none" : entry.settingNames.joined(separator: ", ")
      throw SolverCatalogError(
        description:
          "\(name) does not use \(unused.joined(separator: ", ")) (its settings: \(uses))")
    }
    var checked = SolverSettings()
    for setting in entry.settings {
      if let value = settings[setting.name] { checked[setting.name] = try setting.checked(value) }
    }
    return try entry.make(checked)
  }
}
