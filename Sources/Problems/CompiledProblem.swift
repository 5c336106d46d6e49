import Autodiff
import OptimizationCore

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
  /// (Σ, ½Σ, or the mean over the rows given). A batch of b ≤ m/8 rows costs O(b) when the
  /// residual is one expression evaluated row by row over data columns (`RowwiseResidual`);
  /// larger batches and other residuals cost a full gradient. They also get their
  /// `residualForm`, for the least-squares methods.
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
    let weighted = weightedBatchGradient(loss, T.self)
    var batchGradient = weighted
    if let rowwise = rowwiseBatchGradient(loss, T.self) {
      // A one-row gradient costs several times a row's share of the full gradient (call
      // overhead; measured about 5× in a debug build), so large batches take the full path.
      let largestRowwiseBatch = residualCount / 8
      batchGradient = { x, rows, g in
        rows.count <= largestRowwiseBatch ? rowwise(x, rows, &g) : weighted(x, rows, &g)
      }
    }
    return Objective(
      dimension: dimension,
      value: { f.value($0) },
      gradient: { f.gradient($0, into: &$1) },
      hessian: { f.hessian($0, into: &$1) },
      hessianVector: { f.hessianVectorProduct($0, $1, into: &$2) },
      sampleCount: residualCount,
      batchGradient: batchGradient,
      residualForm: residualForm(T.self))
  }

  /// The factor `loss` puts in front of Σ rᵢ² over a batch of `rows` rows.
  private static func batchScale<T: DifferentiableScalar>(_ loss: Loss, rows: Int) -> T {
    switch loss {
    case .sum: 1
    case .half: 0.5
    case .mean: 1 / T(rows)
    }
  }

  /// The batch gradient as a sum of one-row gradients, each from the compiled rᵢ² with the
  /// row's data values as inputs after the variables; nil when the residual is not row-wise.
  private func rowwiseBatchGradient<T: DifferentiableScalar>(_ loss: Loss, _ type: T.Type)
    -> Objective<T>.BatchGradient?
  {
    guard let rowwise = RowwiseResidual(residuals: residualNodes, variables: variables) else {
      return nil
    }
    let squaredRow = rowSquare(rowwise, T.self).copy()
    let columns = rowwise.columns.map { $0.map { T($0) } }
    let n = dimension
    // Work buffers reused across calls: the point followed by one row's data values, and the
    // gradient over both.
    var point = [T](repeating: 0, count: n + columns.count)
    var rowGradient = [T](repeating: 0, count: n + columns.count)
    return { x, rows, g in
      for i in 0..<n {
        point[i] = x[i]
        g[i] = 0
      }
      var value: T = 0
      for r in rows {
        for (j, column) in columns.enumerated() { point[n + j] = column[r] }
        value += squaredRow.gradient(point, into: &rowGradient)
        for i in 0..<n { g[i] += rowGradient[i] }
      }
      let scale: T = Self.batchScale(loss, rows: rows.count)
      for i in 0..<n { g[i] *= scale }
      return scale * value
    }
  }

  /// The batch gradient from the full weighted loss Σ wᵢ rᵢ² with zero weights outside the
  /// batch: correct for any residual, but every batch costs a full gradient.
  private func weightedBatchGradient<T: DifferentiableScalar>(_ loss: Loss, _ type: T.Type)
    -> Objective<T>.BatchGradient
  {
    let weighted = weightedLoss(T.self).copy()
    let n = dimension
    let m = residualCount
    // Work buffers reused across calls: the point followed by the row weights, and the
    // gradient over both.
    var point = [T](repeating: 0, count: n + m)
    var fullGradient = [T](repeating: 0, count: n + m)
    return { x, rows, g in
      let scale: T = Self.batchScale(loss, rows: rows.count)
      for i in 0..<n { point[i] = x[i] }
      for j in n..<n + m { point[j] = 0 }
      for r in rows { point[n + r] += scale }
      let value = weighted.gradient(point, into: &fullGradient)
      for i in 0..<n { g[i] = fullGradient[i] }
      return value
    }
  }

  /// rᵢ² on the inputs (variables…, row i's data values…), recorded once per precision.
  private func rowSquare<T: DifferentiableScalar>(_ rowwise: RowwiseResidual, _ type: T.Type)
    -> CompiledFunction<T>
  {
    cachedFunction("squared row residual", T.self) {
      let node = rowwise.squaredRow
      let inputs =
        variables.map(\.shape) + [Shape](repeating: .scalar, count: rowwise.columns.count)
      return try CompiledFunction<T>(inputs: inputs) { node.lowered(on: $0) }
    }
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
