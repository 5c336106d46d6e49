import ArgumentParser
import Autodiff
import Foundation
import OptimizationCore
import Problems
import Reporting
import Solvers

/// `optimize derive`: the problem's value, gradient and Hessian (with its eigenvalues) at a
/// point, next to central finite differences, so the derivatives can be checked by eye.
struct DeriveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "derive",
    abstract: "Show f, ∇f and ∇²f at a point next to central finite differences.")

  @OptionGroup var problemOptions: ProblemOptions

  @Option(help: "The point, e.g. \"1,1\" (default: the problem's start).")
  var at: String?

  @Option(help: "table or json.")
  var format: DeriveFormat = .table

  @Option(
    help: ArgumentHelp(
      "Write the graph that computes f at the point: SVG, or Graphviz DOT for a .dot name.",
      valueName: "file"))
  var graph: String?

  /// The dense Hessian is n² numbers; beyond this the command refuses rather than flood.
  static let largestHessian = 200

  func run() throws {
    let problem = try problemOptions.load()
    let point =
      try at.map { try parsePoint($0, option: "--at", dimension: problem.dimension) }
      ?? problem.start
    let n = problem.dimension
    guard n <= Self.largestHessian else {
      throw CommandFailure(
        "derive shows a dense Hessian, so it is limited to \(Self.largestHessian) variables; "
          + "\(problem.name) has \(n) (lower it with --param)")
    }
    let objective = problem.makeObjective(Double.self)
    var gradient = [Double](repeating: 0, count: n)
    var hessian = [Double](repeating: 0, count: n * n)
    let f = try objective.gradient(point, into: &gradient)
    try objective.hessian(point, into: &hessian)
    let matrix = (0..<n).map { Array(hessian[($0 * n)..<($0 * n + n)]) }
    let eigenvalues = SymmetricEigen.decompose(hessian, n: n).values
    // Evaluated outside `objective`, whose counts are of no interest here.
    let value = { (y: [Double]) in problem.value(at: y) }
    let fdGradient = FiniteDifferences.gradient(value, at: point)
    let fdHessian = FiniteDifferences.hessian(value, at: point)
    if let graph { try DeriveGraph.write(problem, at: point, to: graph) }

    switch format {
    case .json:
      let document = JSONValue.object([
        ("point", .numbers(point)),
        ("f", .number(f)),
        ("gradient", .numbers(gradient)),
        ("hessian", .array(matrix.map { .numbers($0) })),
        ("eigenvalues", .numbers(eigenvalues)),
        (
          "finite_difference",
          .object([
            ("gradient", .numbers(fdGradient)),
            ("hessian", .array(fdHessian.map { .numbers($0) })),
          ])
        ),
      ])
      print(document.rendered())
    case .table:
      let names = problem.coordinateNames
      print("\(problem.title) at \(formatPoint(point))")
      print("f = \(f)")
      print("")
      print(
        textTable(
          headers: ["", "gradient", "finite difference", "difference"],
          rows: (0..<n).map { i in
            [
              "∂f/∂\(names[i])", "\(gradient[i])", "\(fdGradient[i])",
              "\(Swift.abs(gradient[i] - fdGradient[i]))",
            ]
          }))
      print("")
      print("Hessian (exact), then finite differences of f:")
      for row in matrix { print("  " + row.map { "\($0)" }.joined(separator: "  ")) }
      print("")
      for row in fdHessian { print("  " + row.map { "\($0)" }.joined(separator: "  ")) }
      print("")
      print("eigenvalues: " + eigenvalues.map { "\($0)" }.joined(separator: ", "))
      let kind =
        eigenvalues.allSatisfy { $0 > 0 }
        ? "positive definite"
        : eigenvalues.allSatisfy { $0 < 0 }
          ? "negative definite"
          : eigenvalues.contains { $0 > 0 } && eigenvalues.contains { $0 < 0 }
            ? "indefinite"
            : "singular"
      print("the Hessian is \(kind) here")
    }
  }
}

enum DeriveFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json
}

/// A small table through the shared formatter: cells that read as numbers are right-aligned.
func textTable(headers: [String], rows: [[String]]) -> String {
  TableFormatter(headers: headers).render(
    rows.map { $0.map { TableFormatter.Cell(text: $0, isNumeric: Double($0) != nil) } })
}
