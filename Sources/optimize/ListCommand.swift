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
                ("residual", .bool(problem.isResidual)),
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
                ("applies_to", .string(solver.requiresResiduals ? "residual" : "all")),
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
          headers: ["name", "n", "title", "f*", "form", "bounds"],
          rows: problems.map { problem in
            [
              problem.name, "\(problem.dimension)", problem.title,
              problem.minimum.map { "\($0.f)" } ?? "unknown",
              problem.isResidual ? "residual" : "objective", problem.bounds == nil ? "" : "box",
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
              $0.requiresResiduals
                ? "residual problems without bounds"
                : $0.handlesBounds ? "all problems" : "problems without bounds",
            ]
          }))
      print("")
      print(
        "Least-squares solvers run on residual problems only (form residual); elsewhere they are "
          + "not applicable and not run. Bounded problems (bounds box) take only the solvers that "
          + "handle bounds.")
    }
  }
}
