import ArgumentParser
import Foundation
import Problems

/// The options that pick a problem: its name or path and parameter overrides.
struct ProblemOptions: ParsableArguments {
  @Option(
    name: .long, help: "A built-in problem name (see `optimize list`) or a path to a .toml file.")
  var problem: String

  @Option(
    name: .customLong("param"),
    help: ArgumentHelp(
      "Override a [parameters] entry, e.g. --param n=100000.", valueName: "NAME=VALUE"))
  var parameters: [String] = []

  func parameterOverrides() throws -> [String: Double] {
    var result: [String: Double] = [:]
    for text in parameters {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw CommandFailure("--param expects NAME=VALUE, got '\(text)'")
      }
      guard let value = Double(parts[1].trimmingCharacters(in: .whitespaces)), value.isFinite else {
        throw CommandFailure("--param \(parts[0]): '\(parts[1])' is not a finite number")
      }
      result[parts[0]] = value
    }
    return result
  }

  func load() throws -> Problem {
    let overrides = try parameterOverrides()
    do {
      return try ProblemCatalog.load(problem, parameters: overrides)
    } catch {
      throw CommandFailure(error.description)
    }
  }
}

/// Parses a point written as `1,2`, `1 2` or `[1, 2]`.
func parsePoint(_ text: String, option: String, dimension: Int) throws -> [Double] {
  let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
  let fields = trimmed.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
  var point: [Double] = []
  for field in fields {
    guard let value = Double(field), value.isFinite else {
      throw CommandFailure("\(option): '\(field)' is not a finite number")
    }
    point.append(value)
  }
  guard point.count == dimension else {
    throw CommandFailure(
      "\(option) has \(point.count) number\(point.count == 1 ? "" : "s"), the problem has dimension \(dimension)"
    )
  }
  return point
}
