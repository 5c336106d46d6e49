import ArgumentParser
import Autodiff
import Foundation
import OptimizationCore
import Problems
import Reporting
import Runs
import Solvers

/// `optimize list`: the built-in problems and every solver, ours and GSL's.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List the built-in problems and the solvers.")

  @Option(help: "table or json.")
  var format: DeriveFormat = .table

  func run() throws {
    var problems: [Problem] = []
    for name in ProblemCatalog.builtinNames {
      do {
        problems.append(try ProblemCatalog.load(name))
      } catch {
        throw CommandFailure("built-in problem \(name) failed to load: \(error)")
      }
    }
    let solvers = try SolverSelection.make(SolverSelection.allNames, settings: SolverSettings())

    switch format {
    case .json:
      let document = JSONValue.object([
        (
          "problems",
          .array(
            problems.map { problem in
              .object([
                ("name", .string(problem.name)), ("dimension", .int(problem.dimension)),
                ("title", .string(problem.title)), ("f_min", .optional(problem.minimum?.f)),
                ("bounded", .bool(problem.bounds != nil)),
              ])
            })
        ),
        (
          "solvers",
          .array(
            solvers.map { solver in
              .object([
                ("name", .string(solver.name)), ("family", .string(solver.family)),
                ("derivatives", .string(solver.derivatives.rawValue)),
                ("handles_bounds", .bool(solver.handlesBounds)),
              ])
            })
        ),
      ])
      print(document.rendered())
    case .table:
      print("Problems")
      print(
        textTable(
          headers: ["name", "n", "title", "f*", "bounds"],
          rows: problems.map { problem in
            [
              problem.name, "\(problem.dimension)", problem.title,
              problem.minimum.map { "\($0.f)" } ?? "unknown", problem.bounds == nil ? "" : "box",
            ]
          }))
      print("")
      print("Solvers")
      print(
        textTable(
          headers: ["name", "family", "derivatives", "applies to"],
          rows: solvers.map {
            [
              $0.name, $0.family, $0.derivatives.rawValue,
              $0.handlesBounds ? "all problems" : "problems without bounds",
            ]
          }))
    }
  }
}
