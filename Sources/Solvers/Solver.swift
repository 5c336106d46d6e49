import Autodiff
import OptimizationCore

/// How a method uses derivatives; shown by `optimize list`.
public enum DerivativeUse: String, Sendable, Codable {
  case none, gradient, hessian, hessianVector = "hessian-vector"
  /// The residuals' Jacobian (least-squares methods).
  case jacobian
}

/// A minimization method. Every solver, ours or GSL's, has this one shape.
public protocol Solver: Sendable {
  /// The stable command-line name.
  var name: String { get }
  /// A family for grouping in listings: "line search", "Newton", "first-order", "direct search", …
  var family: String { get }
  var derivatives: DerivativeUse { get }
  /// Whether the method works on the residuals of a least-squares problem (f = s·Σrᵢ²) and so
  /// applies only to residual problems; on others it is not applicable and not run.
  var requiresResiduals: Bool { get }
  /// Whether the method keeps its iterates in `SolverOptions.bounds` (false by default: a
  /// method that does not is refused a bounded problem).
  var handlesBounds: Bool { get }
  /// The number of scalars the method keeps beside the objective's own storage for a problem of
  /// `dimension` unknowns (an n×n matrix is n²), so a run that cannot fit in memory is refused
  /// before it starts instead of aborting the process. Vectors only, by default.
  func workingScalars(dimension n: Int) -> Double
  /// Implementations mark this `@_specialize(where T == Double)` and `(where T == Float)`: a
  /// generic body pays a witness-table call per arithmetic operation, which made dense BFGS at
  /// n = 1000 take minutes instead of seconds.
  func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  )
    -> SolverResult<T>
}

extension Solver {
  public var requiresResiduals: Bool { false }

  /// A few dozen vectors of length n: iterate, gradient, direction, line-search points.
  public func workingScalars(dimension n: Int) -> Double { 32 * Double(n) }
  public var handlesBounds: Bool { false }
}
