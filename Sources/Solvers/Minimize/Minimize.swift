import Autodiff
import OptimizationCore

/// Minimizes `f`, a scalar function of the vector `x` written with `Variable`s, from `start`:
///
/// ```swift
/// let result = try minimize(
///   { x in 100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2) }, from: [-1.2, 1])
/// ```
///
/// The function is recorded once at the start and replayed at every point when that recording
/// stands for it everywhere; a function that reads a value computed from `x` (to branch on it)
/// has its graph rebuilt at every point instead, and the result's `evaluation` says so (see
/// `Objective.recording(_:dimension:)`). Derivatives are exact: gradients by reverse mode,
/// Hessians and Hessian–vector products by differentiating the gradient.
///
/// - Parameters:
///   - f: the function, of one vector variable; it must return a scalar.
///   - start: the first point; its length is the number of variables.
///   - method: any solver; BFGS when left out.
///   - options: stopping criteria and limits; the defaults of `SolverOptions()` when left out.
/// - Returns: the result, whose `x` is the best point seen (not necessarily the last iterate).
/// - Throws: `MinimizeError` for an empty or non-finite start, options outside their domain,
///   or a function that reads past the end of `x`, combines shapes that do not fit, or does
///   not return a scalar; for bounds (`options.bounds`) of another length than `start`, or
///   given to a method that does not handle bounds (only `ProjectedGradient` and `LBFGSB` do).
///   The run does not start then. A start outside the bounds is projected onto them.
public func minimize<T: SolverScalar>(
  _ f: @escaping (Variable<T>) -> Variable<T>, from start: [T], method: some Solver = BFGS(),
  options: SolverOptions<T> = SolverOptions()
) throws(MinimizeError) -> Minimization<T> {
  try checkStart(start, dimension: start.count)
  try options.validate()
  try checkBounds(options.bounds, method: method, dimension: start.count)
  let (objective, evaluation) = try Objective.recording(f, dimension: start.count)
  let result = method.minimize(objective, from: start, options: options)
  return Minimization(result: result, evaluation: evaluation)
}

/// Minimizes a ready-made `Objective` from `start`, after checking the arguments that
/// `Solver.minimize(_:from:options:)` takes on trust.
///
/// - Parameters:
///   - objective: the counted function; a fresh one per thread.
///   - start: the first point, of the objective's dimension.
///   - method: any solver; BFGS when left out.
///   - options: stopping criteria and limits; the defaults of `SolverOptions()` when left out.
/// - Throws: `MinimizeError` for a start that is empty, non-finite or not of the objective's
///   dimension, or options outside their domain.
public func minimize<T: SolverScalar>(
  _ objective: Objective<T>, from start: [T], method: some Solver = BFGS(),
  options: SolverOptions<T> = SolverOptions()
) throws(MinimizeError) -> SolverResult<T> {
  try checkStart(start, dimension: objective.dimension)
  try options.validate()
  try checkBounds(options.bounds, method: method, dimension: objective.dimension)
  return method.minimize(objective, from: start, options: options)
}

private func checkBounds<T: SolverScalar>(
  _ bounds: Bounds<T>?, method: some Solver, dimension: Int
) throws(MinimizeError) {
  guard let bounds else { return }
  if !method.handlesBounds {
    throw .invalidOptions(
      "\(method.name) does not handle bounds; use ProjectedGradient or LBFGSB for a bounded problem"
    )
  }
  if bounds.dimension != dimension {
    throw .invalidOptions(
      "the bounds have \(bounds.dimension) values but the objective has \(dimension) variables")
  }
}

private func checkStart<T: SolverScalar>(_ start: [T], dimension: Int) throws(MinimizeError) {
  if start.isEmpty { throw .invalidStart("the start point is empty") }
  if start.count != dimension {
    throw .invalidStart(
      "the start has \(start.count) values but the objective has \(dimension) variables")
  }
  if let i = start.firstIndex(where: { !$0.isFinite }) {
    throw .invalidStart("x[\(i)] = \(start[i]) is not finite")
  }
}

extension Solver {
  /// `minimize(_:from:options:)` with the default options.
  public func minimize<T: SolverScalar>(_ objective: Objective<T>, from start: [T])
    -> SolverResult<T>
  {
    minimize(objective, from: start, options: SolverOptions())
  }
}
