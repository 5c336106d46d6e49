import Autodiff
import OptimizationCore

extension SolverOptions {
  /// Options filled in one expression: `SolverOptions(maxIterations: 200, gradientTolerance:
  /// 1e-6)`. Every argument left out keeps the default of `SolverOptions()`.
  ///
  /// The tolerances and the divergence threshold are in the run's precision `T`; the settings of
  /// a method (a learning rate, the Wolfe constants) are `Double` in every precision.
  public init(
    maxIterations: Int = 1000,
    gradientTolerance: T = 1e-8,
    fTolerance: T = 0,
    xTolerance: T = 0,
    timeLimit: Double? = nil,
    maxFunctionEvaluations: Int? = nil,
    maxGradientEvaluations: Int? = nil,
    maxHessianEvaluations: Int? = nil,
    traceEvery: Int = 1,
    traceCoordinateLimit: Int? = nil,
    divergenceThreshold: T = T.greatestFiniteMagnitude / 16,
    seed: UInt64 = 0,
    bounds: Bounds<T>? = nil,
    callback: ((IterationRecord<T>) -> CallbackAction)? = nil
  ) {
    self.init()
    self.maxIterations = maxIterations
    self.gradientTolerance = gradientTolerance
    self.fTolerance = fTolerance
    self.xTolerance = xTolerance
    self.timeLimit = timeLimit
    self.maxFunctionEvaluations = maxFunctionEvaluations
    self.maxGradientEvaluations = maxGradientEvaluations
    self.maxHessianEvaluations = maxHessianEvaluations
    self.traceEvery = traceEvery
    self.traceCoordinateLimit = traceCoordinateLimit
    self.divergenceThreshold = divergenceThreshold
    self.seed = seed
    self.bounds = bounds
    self.callback = callback
  }

  /// Throws `MinimizeError.invalidOptions` naming the first setting outside its domain: a
  /// negative iteration or evaluation limit, a negative or NaN tolerance, a time limit that is
  /// not a positive number, a trace interval below 1, a non-positive divergence threshold.
  public func validate() throws(MinimizeError) {
    func refuse(_ name: String, _ value: String, _ domain: String) throws(MinimizeError) {
      throw .invalidOptions("\(name) is \(value), but it must be \(domain)")
    }
    if maxIterations < 0 { try refuse("maxIterations", "\(maxIterations)", "0 or more") }
    for (name, tolerance) in [
      ("gradientTolerance", gradientTolerance), ("fTolerance", fTolerance),
      ("xTolerance", xTolerance),
    ] where !(tolerance >= 0) {
      try refuse(name, "\(tolerance)", "0 or more")
    }
    if let timeLimit, !(timeLimit > 0) {
      try refuse("timeLimit", "\(timeLimit)", "a positive number of seconds")
    }
    for (name, limit) in [
      ("maxFunctionEvaluations", maxFunctionEvaluations),
      ("maxGradientEvaluations", maxGradientEvaluations),
      ("maxHessianEvaluations", maxHessianEvaluations),
    ] {
      if let limit, limit < 0 { try refuse(name, "\(limit)", "0 or more") }
    }
    if traceEvery < 1 { try refuse("traceEvery", "\(traceEvery)", "1 or more") }
    if let traceCoordinateLimit, traceCoordinateLimit < 0 {
      try refuse("traceCoordinateLimit", "\(traceCoordinateLimit)", "0 or more")
    }
    if !(divergenceThreshold > 0) {
      try refuse("divergenceThreshold", "\(divergenceThreshold)", "positive")
    }
  }
}
