import Autodiff
import Solvers

/// The fast path: the problem's graphs recorded once per precision into `CompiledFunction`s.
extension Problem {
  /// The objective recorded once for precision `T` (cached). The returned instance is shared
  /// and, like every `CompiledFunction`, not thread-safe: use `copy()` for another thread.
  public func compiled<T: DifferentiableScalar>(_ type: T.Type = T.self) -> CompiledFunction<T> {
    cachedFunction("objective", T.self) {
      try CompiledFunction<T>(inputs: variables.map(\.shape)) { objective(on: $0) }
    }
  }

  /// The compiled objective wrapped in a counted `Objective`, with its own work buffers.
  /// Residual problems also get `sampleCount` (the number of residuals) and `batchGradient`:
  /// the gradient of the loss restricted to the given rows, scaled as `loss` scales the whole
  /// (Σ, ½Σ, or the mean over the rows given).
  public func makeObjective<T: DifferentiableScalar>(_ type: T.Type = T.self) -> Objective<T> {
    let f = compiled(T.self).copy()
    guard let loss, residualCount > 0 else {
      return Objective(
        dimension: dimension,
        value: { f.value($0) },
        gradient: { f.gradient($0, into: &$1) },
        hessian: { f.hessian($0, into: &$1) },
        hessianVector: { f.hessianVectorProduct($0, $1, into: &$2) })
    }
    let weighted = weightedLoss(T.self).copy()
    let n = dimension
    let m = residualCount
    // Work buffers reused across calls: the point followed by the row weights, and the
    // gradient over both.
    var point = [T](repeating: 0, count: n + m)
    var fullGradient = [T](repeating: 0, count: n + m)
    let batchGradient: Objective<T>.BatchGradient = { x, rows, g in
      let scale: T =
        switch loss {
        case .sum: 1
        case .half: 0.5
        case .mean: 1 / T(rows.count)
        }
      for i in 0..<n { point[i] = x[i] }
      for j in n..<n + m { point[j] = 0 }
      for r in rows { point[n + r] += scale }
      let value = weighted.gradient(point, into: &fullGradient)
      for i in 0..<n { g[i] = fullGradient[i] }
      return value
    }
    return Objective(
      dimension: dimension,
      value: { f.value($0) },
      gradient: { f.gradient($0, into: &$1) },
      hessian: { f.hessian($0, into: &$1) },
      hessianVector: { f.hessianVectorProduct($0, $1, into: &$2) },
      sampleCount: m,
      batchGradient: batchGradient)
  }

  /// The m×n Jacobian of the residuals at x (m = `residualCount`): row i is ∇rᵢ, the gradient
  /// of the compiled projection wᵀr with w the i-th unit vector.
  public func residualJacobian(at x: [Double]) -> [[Double]] {
    guard isResidual else { return [] }
    let projection = residualProjection(Double.self)
    let n = dimension
    let m = residualCount
    var point = x + [Double](repeating: 0, count: m)
    var g = [Double](repeating: 0, count: n + m)
    return (0..<m).map { i in
      point[n + i] = 1
      defer { point[n + i] = 0 }
      _ = projection.gradient(point, into: &g)
      return Array(g[0..<n])
    }
  }

  /// Σᵢ wᵢ rᵢ² on the inputs (variables…, w), recorded once per precision.
  func weightedLoss<T: DifferentiableScalar>(_ type: T.Type) -> CompiledFunction<T> {
    cachedFunction("weighted loss", T.self) {
      let node = ResidualLoss.weighted(residualNodes, weightInput: variables.count)
      return try CompiledFunction<T>(
        inputs: variables.map(\.shape) + [.vector(residualCount)]
      ) { node.lowered(on: $0) }
    }
  }

  /// wᵀr on the inputs (variables…, w), recorded once per precision.
  func residualProjection<T: DifferentiableScalar>(_ type: T.Type) -> CompiledFunction<T> {
    cachedFunction("residual projection", T.self) {
      let node = ResidualLoss.projection(residualNodes, weightInput: variables.count)
      return try CompiledFunction<T>(
        inputs: variables.map(\.shape) + [.vector(residualCount)]
      ) { node.lowered(on: $0) }
    }
  }

  /// The function cached under `key` for precision `T`, recording it on first use.
  private func cachedFunction<T: DifferentiableScalar>(
    _ key: String, _ type: T.Type, record: () throws -> CompiledFunction<T>
  ) -> CompiledFunction<T> {
    cacheLock.lock()
    defer { cacheLock.unlock() }
    let id = CacheKey(name: key, precision: ObjectIdentifier(T.self))
    if let f = compiledCache[id] as? CompiledFunction<T> { return f }
    do {
      let f = try record()
      compiledCache[id] = f
      return f
    } catch {
      // Every shape was checked when the file was loaded and the objective is a scalar.
      preconditionFailure("\(name): recording the \(key) failed: \(error)")
    }
  }
}
