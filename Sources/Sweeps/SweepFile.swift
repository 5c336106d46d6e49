import Foundation
import Problems
import Runs
import Solvers
import TOMLKit

/// A sweep file: the full grid in TOML, checked like a problem file (an unknown key is an error
/// that names the nearest known one).
///
/// ```toml
/// problems = ["classic", "rosenbrock-n"]   # as --problem takes them
/// solvers = ["bfgs", "lbfgs", "sgd"]       # as --solver takes them
/// starts = 3                               # random starts beside each problem's own
/// seed = 0
/// repetitions = 1
/// targets = [1e-1, 1e-3, 1e-5, 1e-7]
/// max_iter = 1000
/// gtol = 1e-8
/// ftol = 0.0
/// xtol = 0.0
/// time_limit = 10.0
/// precision = "float64"
///
/// [parameters.rosenbrock-n]                # a grid per problem: every combination runs
/// n = [10, 100, 1000]
///
/// [settings.sgd]                           # a grid per solver
/// lr = [0.001, 0.01]
/// ```
public enum SweepFile {
  static let keys = [
    "problems", "solvers", "starts", "seed", "repetitions", "targets", "max_iter", "gtol", "ftol",
    "xtol", "time_limit", "precision", "parameters", "settings",
  ]

  public static func load(path: String) throws(SweepError) -> SweepDefinition {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw SweepError("\(path): cannot read the sweep file")
    }
    return try parse(text, file: path)
  }

  public static func parse(_ text: String, file: String) throws(SweepError) -> SweepDefinition {
    do {
      return try parseChecked(text, file: file)
    } catch let error as SweepError {
      throw error
    } catch {
      throw SweepError("\(error)")
    }
  }

  private static func parseChecked(_ text: String, file: String) throws -> SweepDefinition {
    let table = try TOMLFile.parse(text, file: file)
    try TOMLFile.checkKeys(table, known: keys, prefix: "", file: file)
    func fail(_ key: String, _ message: String) -> SweepError {
      SweepError("\(file): \(key): \(message)")
    }
    func strings(_ key: String) throws -> [String] {
      guard let value = table[key] else { return [] }
      if let single = value.string { return [single] }
      guard let array = value.array else { throw fail(key, "expected an array of strings") }
      return try array.map { element in
        guard let s = element.string else { throw fail(key, "expected an array of strings") }
        return s
      }
    }
    func integer(_ key: String) throws -> Int? {
      guard let value = table[key] else { return nil }
      guard let k = value.int else { throw fail(key, "expected an integer") }
      return k
    }
    func number(_ value: TOMLValueConvertible) -> Double? {
      value.double ?? value.int.map(Double.init)
    }
    func real(_ key: String) throws -> Double? {
      guard let value = table[key] else { return nil }
      guard let x = number(value), x.isFinite else { throw fail(key, "expected a finite number") }
      return x
    }

    let problemNames = try ProblemSelection.expand(try strings("problems"))
    if problemNames.isEmpty { throw fail("problems", "the sweep needs at least one problem") }
    let solverNames: [String]
    do {
      solverNames = try SolverSelection.names(try strings("solvers"))
    } catch {
      throw fail("solvers", "\(error)")
    }

    // Parameter grids, per problem name.
    var grids: [String: [(String, [Double])]] = [:]
    if let value = table["parameters"] {
      guard let parameters = value.table else { throw fail("parameters", "expected a table") }
      for name in parameters.keys.sorted() {
        guard problemNames.contains(name) else {
          throw fail("parameters.\(name)", "no problem of the sweep is called '\(name)'")
        }
        guard let grid = parameters[name]?.table else {
          throw fail("parameters.\(name)", "expected a table of parameter values")
        }
        grids[name] = try grid.keys.sorted().map { key in
          let entry = grid[key]!
          let values = try (entry.array.map { Array($0) } ?? [entry]).map { element in
            guard let x = number(element), x.isFinite else {
              throw fail("parameters.\(name).\(key)", "expected numbers")
            }
            return x
          }
          if values.isEmpty { throw fail("parameters.\(name).\(key)", "the list is empty") }
          return (key, values)
        }
      }
    }
    let problems = problemNames.flatMap { name in
      product(grids[name] ?? []).map {
        SweepDefinition.ProblemInstance(problem: name, parameters: $0)
      }
    }

    // Settings grids, per solver name.
    var settingGrids: [String: [(String, [SettingValue])]] = [:]
    if let value = table["settings"] {
      guard let settings = value.table else { throw fail("settings", "expected a table") }
      for name in settings.keys.sorted() {
        guard solverNames.contains(name), let entry = SolverCatalog.entry(name) else {
          throw fail("settings.\(name)", "no solver of the sweep with settings is called '\(name)'")
        }
        guard let grid = settings[name]?.table else {
          throw fail("settings.\(name)", "expected a table of setting values")
        }
        try TOMLFile.checkKeys(
          grid, known: entry.settingNames, prefix: "settings.\(name).", file: file)
        settingGrids[name] = try grid.keys.sorted().map { key in
          let setting = entry.settings.first { $0.name == key }!
          let cell = grid[key]!
          let values = try (cell.array.map { Array($0) } ?? [cell]).map { element in
            let raw: SettingValue
            if let k = element.int {
              raw = .integer(k)
            } else if let x = element.double {
              raw = .number(x)
            } else if let s = element.string {
              raw = .choice(s)
            } else {
              throw fail("settings.\(name).\(key)", "expected numbers or words")
            }
            do {
              return try setting.checked(raw)
            } catch {
              throw fail("settings.\(name).\(key)", "\(error)")
            }
          }
          if values.isEmpty { throw fail("settings.\(name).\(key)", "the list is empty") }
          return (key, values)
        }
      }
    }
    let solvers = solverNames.flatMap { name in
      product(settingGrids[name] ?? []).map {
        SweepDefinition.SolverConfiguration(solver: name, settings: SolverSettings($0))
      }
    }

    var definition = SweepDefinition(problems: problems, solvers: solvers)
    if let starts = try integer("starts") { definition.randomStarts = starts }
    if let seed = try integer("seed") {
      guard seed >= 0 else { throw fail("seed", "expected a non-negative integer") }
      definition.seed = UInt64(seed)
    }
    if let repetitions = try integer("repetitions") { definition.repetitions = repetitions }
    if let value = table["targets"] {
      guard let array = value.array else { throw fail("targets", "expected an array of numbers") }
      definition.targets = try array.map { element in
        guard let x = number(element) else { throw fail("targets", "expected numbers") }
        return x
      }
    }
    if let k = try integer("max_iter") { definition.maxIterations = k }
    if let x = try real("gtol") { definition.gradientTolerance = x }
    if let x = try real("ftol") { definition.fTolerance = x }
    if let x = try real("xtol") { definition.xTolerance = x }
    definition.timeLimit = try real("time_limit")
    if let value = table["precision"] {
      guard let word = value.string, let precision = Precision(rawValue: word) else {
        throw fail("precision", "expected \"float32\" or \"float64\"")
      }
      definition.precision = precision
    }
    try definition.validate()
    return definition
  }

  /// Every combination of the grid's values, the last name varying fastest.
  static func product<Value>(_ grid: [(String, [Value])]) -> [[String: Value]] {
    var result: [[String: Value]] = [[:]]
    for (name, values) in grid {
      result = result.flatMap { partial in
        values.map { value in
          var next = partial
          next[name] = value
          return next
        }
      }
    }
    return result
  }
}
