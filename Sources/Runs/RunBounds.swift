import Autodiff
import Foundation
import OptimizationCore
import Problems
import Solvers

/// The box a run keeps its iterates in, and which solvers may run in it: the problem's
/// `[bounds]`, with `--lower` and `--upper` each replacing one side when given.
///
/// Methods that do not handle bounds are refused a bounded problem rather than run through a
/// projection: a projection bolted onto an unconstrained method would report a "solution" its
/// own stopping rule never checked. Named explicitly they are an error; brought in by `all` or
/// `gsl` they are left out, and the run says which.
public enum RunBounds {
  /// The box of the run, nil when neither the problem nor the overrides bound anything; the
  /// message names the option (or the problem) and the coordinate at fault.
  public static func resolve(problem: Problem, lower: [Double]?, upper: [Double]?)
    throws(RunConfigurationError) -> VariableBounds?
  {
    guard lower != nil || upper != nil else { return problem.bounds }
    let n = problem.dimension
    func side(_ given: [Double]?, option: String, problem fallback: [Double]?, unbounded: Double)
      throws(RunConfigurationError) -> [Double]
    {
      guard let given else { return fallback ?? [Double](repeating: unbounded, count: n) }
      if given.count == 1 { return [Double](repeating: given[0], count: n) }
      guard given.count == n else {
        throw RunConfigurationError(
          "\(option) has \(given.count) numbers, the problem has dimension \(n) (give one number "
            + "for every variable, or \(n))")
      }
      return given
    }
    let l = try side(
      lower, option: "--lower", problem: problem.bounds?.lower, unbounded: -.infinity)
    let u = try side(upper, option: "--upper", problem: problem.bounds?.upper, unbounded: .infinity)
    switch VariableBounds.checked(lower: l, upper: u, names: problem.coordinateNames) {
    case .success(let bounds): return bounds.isBounded ? bounds : nil
    case .failure(let fault):
      let given = fault.side == "lower" ? lower != nil : upper != nil
      throw RunConfigurationError(
        "\(given ? "--\(fault.side)" : "\(problem.name): bounds.\(fault.side)"): \(fault.message)")
    }
  }

  /// The box in the run's precision, for `SolverOptions.bounds`. Rounding a bound to Float
  /// cannot cross the other bound (rounding is monotone), so the box stays valid.
  public static func solverBounds<T: SolverScalar>(_ bounds: VariableBounds?, _: T.Type)
    -> Bounds<T>?
  {
    guard let bounds else { return nil }
    return try? Bounds(lower: bounds.lower.map { T($0) }, upper: bounds.upper.map { T($0) })
  }

  /// The solver names of a run on a problem with or without a box: `names` (resolved from the
  /// `--solver` values `requested`) without those that do not handle bounds when `bounded`.
  /// A name given explicitly that does not handle bounds is an error; one brought in by `all`
  /// or `gsl` is returned in `leftOut`.
  public static func select(
    _ names: [String], requested: [String], bounded: Bool, problem: String
  ) throws(RunConfigurationError) -> (kept: [String], leftOut: [String]) {
    guard bounded else { return (names, []) }
    let explicit = Set(
      requested.flatMap { $0.split(separator: ",") }.map {
        $0.trimmingCharacters(in: .whitespaces).lowercased()
      })
    var kept: [String] = []
    var leftOut: [String] = []
    for name in names {
      if handlesBounds(name) {
        kept.append(name)
      } else if explicit.contains(name) {
        throw RunConfigurationError(
          "\(name) does not handle bounds, and \(problem) has bounds; the solvers for bounds are "
            + "\(boundedNames.joined(separator: ", ")) (or override the bounds with --lower "
            + "-inf --upper inf)")
      } else {
        leftOut.append(name)
      }
    }
    if kept.isEmpty {
      throw RunConfigurationError(
        "none of the selected solvers handles bounds, and \(problem) has bounds; the solvers for "
          + "bounds are \(boundedNames.joined(separator: ", "))")
    }
    return (kept, leftOut)
  }

  /// Whether the solver of that name keeps its iterates in a box.
  public static func handlesBounds(_ name: String) -> Bool {
    (try? SolverSelection.make([name], settings: SolverSettings()).first?.handlesBounds) == true
  }

  /// The names of the solvers that handle bounds, in catalog order.
  public static var boundedNames: [String] { SolverSelection.allNames.filter(handlesBounds) }
}
