import Autodiff
import OptimizationCore

/// `minimize` with each of `methods` in turn, from the same start and with the same options:
/// `try minimize(f, from: x0, methods: BFGS(), LBFGS(), Newton())`. Methods of different types
/// need no `as [any Solver]` here. Each run records the function anew, so no two runs share
/// an objective.
///
/// - Throws: `MinimizeError` as `minimize(_:from:method:options:)` does, before any run starts.
public func minimize<T: SolverScalar>(
  _ f: @escaping (Variable<T>) -> Variable<T>, from start: [T], methods first: any Solver,
  _ more: any Solver...,
  options: SolverOptions<T> = SolverOptions()
) throws(MinimizeError) -> [Minimization<T>] {
  var results = [Minimization<T>]()
  for method in [first] + more {
    results.append(try minimize(f, from: start, method: method, options: options))
  }
  return results
}
