import Autodiff
import OptimizationCore

/// The convergence tests of `SolverOptions`, applied to successive iterates: the gradient test at
/// every iterate, the f and x tests from the second one on (they compare with the previous
/// iterate). The limits on iterations, time and evaluations are the recorder's.
struct StoppingRules<T: SolverScalar> {
  let options: SolverOptions<T>
  private(set) var previousX: [T]?
  private(set) var previousF: T?

  init(options: SolverOptions<T>) { self.options = options }

  /// The convergence status reached at iterate `iteration`, if any; remembers the iterate.
  mutating func test(iteration: Int, x: [T], f: T, gradient: [T]?) -> Status? {
    defer {
      previousX = x
      previousF = f
    }
    if let gradient, VectorNorms.maximum(gradient) <= options.gradientTolerance {
      return .gradientTolerance
    }
    guard iteration > 0, let previousF, let previousX else { return nil }
    if options.fTolerance > 0,
      Swift.abs(f - previousF) <= options.fTolerance * (Swift.abs(f) + options.fTolerance)
    {
      return .fTolerance
    }
    if options.xTolerance > 0 {
      let dx = VectorNorms.maximum(zip(x, previousX).map { $0 - $1 })
      if dx <= options.xTolerance * (1 + VectorNorms.maximum(x)) { return .xTolerance }
    }
    return nil
  }
}
