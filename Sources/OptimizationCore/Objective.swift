/// Counts of objective evaluations; cumulative over a run.
public struct EvaluationCounts: Hashable, Sendable, Codable {
  public var f = 0
  public var gradient = 0
  public var hessian = 0
  /// Hessian–vector products; reported apart from full Hessians.
  public var hessianVector = 0
  public init(f: Int = 0, gradient: Int = 0, hessian: Int = 0, hessianVector: Int = 0) {
    self.f = f
    self.gradient = gradient
    self.hessian = hessian
    self.hessianVector = hessianVector
  }
}

/// Thrown by an `Objective` asked for an evaluation past its limit; the solver ends the run with
/// status `.evaluationLimit`, so a limit is honoured exactly.
public struct EvaluationLimitReached: Error, Sendable {
  public let which: String
}

/// The function a solver minimizes: value, gradient, Hessian and Hessian–vector product,
/// every call counted. A gradient call counts one gradient (it also yields the value, which is
/// not counted again as an f evaluation).
public final class Objective<T: SolverScalar> {
  public typealias Value = ([T]) -> T
  /// Writes the gradient into its second argument and returns the value.
  public typealias Gradient = ([T], inout [T]) -> T
  /// Writes the n×n Hessian, row-major, into its second argument.
  public typealias Hessian = ([T], inout [T]) -> Void
  /// Writes H(x)·v into its third argument.
  public typealias HessianVector = ([T], [T], inout [T]) -> Void
  /// Gradient of the loss restricted to the given sample rows (minibatch), returning its value.
  public typealias BatchGradient = ([T], [Int], inout [T]) -> T

  public let dimension: Int
  let valueFunction: Value
  let gradientFunction: Gradient
  let hessianFunction: Hessian?
  let hessianVectorFunction: HessianVector?
  /// For data and residual problems: the number of samples minibatches are drawn from.
  public let sampleCount: Int?
  let batchGradientFunction: BatchGradient?
  /// For residual problems: r and its Jacobian. A residual evaluation is counted as an f
  /// evaluation and a Jacobian as a gradient evaluation (they give f and ∇f = 2·scale·Jᵀr), so
  /// least-squares methods report their counts in the same columns as every other method.
  public let residualForm: ResidualForm<T>?

  public private(set) var counts = EvaluationCounts()
  /// Maximum evaluations of each kind; nil is unlimited. Exceeding one throws
  /// `EvaluationLimitReached` before the evaluation is made.
  public var limits = EvaluationCounts(f: .max, gradient: .max, hessian: .max, hessianVector: .max)

  public init(
    dimension: Int,
    value: @escaping Value,
    gradient: @escaping Gradient,
    hessian: Hessian? = nil,
    hessianVector: HessianVector? = nil,
    sampleCount: Int? = nil,
    batchGradient: BatchGradient? = nil,
    residualForm: ResidualForm<T>? = nil
  ) {
    self.dimension = dimension
    self.valueFunction = value
    self.gradientFunction = gradient
    self.hessianFunction = hessian
    self.hessianVectorFunction = hessianVector
    self.sampleCount = sampleCount
    self.batchGradientFunction = batchGradient
    self.residualForm = residualForm
  }

  public var hasHessian: Bool { hessianFunction != nil }
  public var hasHessianVector: Bool { hessianVectorFunction != nil || hessianFunction != nil }
  public var hasBatchGradient: Bool { batchGradientFunction != nil && sampleCount != nil }
  public var hasResiduals: Bool { residualForm != nil }

  public func resetCounts() { counts = EvaluationCounts() }

  public func value(_ x: [T]) throws(EvaluationLimitReached) -> T {
    guard counts.f < limits.f else { throw EvaluationLimitReached(which: "f") }
    counts.f += 1
    return valueFunction(x)
  }

  /// Fills `g` (resized if needed) and returns f(x).
  public func gradient(_ x: [T], into g: inout [T]) throws(EvaluationLimitReached) -> T {
    guard counts.gradient < limits.gradient else { throw EvaluationLimitReached(which: "gradient") }
    counts.gradient += 1
    if g.count != dimension { g = [T](repeating: 0, count: dimension) }
    return gradientFunction(x, &g)
  }

  /// Fills `h` (resized if needed) with the row-major Hessian.
  public func hessian(_ x: [T], into h: inout [T]) throws(EvaluationLimitReached) {
    guard let hessianFunction else { preconditionFailure("this objective has no Hessian") }
    guard counts.hessian < limits.hessian else { throw EvaluationLimitReached(which: "Hessian") }
    counts.hessian += 1
    if h.count != dimension * dimension { h = [T](repeating: 0, count: dimension * dimension) }
    hessianFunction(x, &h)
  }

  /// Fills `result` with H(x)·v; falls back to a full Hessian when no product is provided.
  public func hessianVector(_ x: [T], _ v: [T], into result: inout [T])
    throws(EvaluationLimitReached)
  {
    if result.count != dimension { result = [T](repeating: 0, count: dimension) }
    if let hessianVectorFunction {
      guard counts.hessianVector < limits.hessianVector else {
        throw EvaluationLimitReached(which: "Hessian-vector product")
      }
      counts.hessianVector += 1
      hessianVectorFunction(x, v, &result)
    } else {
      var h = [T]()
      try hessian(x, into: &h)
      let n = dimension
      for i in 0..<n {
        var s: T = 0
        for j in 0..<n { s += h[i * n + j] * v[j] }
        result[i] = s
      }
    }
  }

  /// Minibatch gradient over the given rows; counts as one gradient evaluation.
  public func batchGradient(_ x: [T], rows: [Int], into g: inout [T]) throws(EvaluationLimitReached)
    -> T
  {
    guard let batchGradientFunction else {
      preconditionFailure("this objective has no minibatch gradient")
    }
    guard counts.gradient < limits.gradient else { throw EvaluationLimitReached(which: "gradient") }
    counts.gradient += 1
    if g.count != dimension { g = [T](repeating: 0, count: dimension) }
    return batchGradientFunction(x, rows, &g)
  }

  /// Fills `r` (resized if needed) with the residuals at x; counts as one f evaluation.
  public func residuals(_ x: [T], into r: inout [T]) throws(EvaluationLimitReached) {
    guard let residualForm else { preconditionFailure("this objective has no residuals") }
    guard counts.f < limits.f else { throw EvaluationLimitReached(which: "f") }
    counts.f += 1
    if r.count != residualForm.count { r = [T](repeating: 0, count: residualForm.count) }
    residualForm.residuals(x, &r)
  }

  /// Fills `j` (resized if needed) with the row-major m×n Jacobian of the residuals at x;
  /// counts as one gradient evaluation.
  public func jacobian(_ x: [T], into j: inout [T]) throws(EvaluationLimitReached) {
    guard let residualForm else { preconditionFailure("this objective has no residuals") }
    guard counts.gradient < limits.gradient else { throw EvaluationLimitReached(which: "gradient") }
    counts.gradient += 1
    let size = residualForm.count * dimension
    if j.count != size { j = [T](repeating: 0, count: size) }
    residualForm.jacobian(x, &j)
  }
}
