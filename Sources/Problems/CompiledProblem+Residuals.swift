import Autodiff
import OptimizationCore

extension Problem {
  /// How many gradients of the residual projection one Hessian–vector product of it costs, for
  /// choosing the Jacobian's mode (see `residualForm`): measured 1.4–2.2 (debug build, December
  /// 2026) on decay, rosenbrock and five MGH problems.
  static let hessianVectorCostInGradients = 2

  /// The residuals and their Jacobian for the least-squares methods, from the compiled
  /// projection p(x, w) = wᵀr(x) on the inputs (variables…, w); nil for an `objective` problem.
  ///
  /// - r(x) is the w-block of ∇p, one reverse pass (at w = 0).
  /// - The Jacobian either by rows, reverse mode: row i is the x-block of ∇p at w = eᵢ, m
  ///   reverse passes; or by columns, forward mode: column j is the w-block of ∇²p·(eⱼ, 0) =
  ///   J·eⱼ, one forward-over-reverse Hessian–vector product each, n of them. The cheaper of m
  ///   gradients and n products is used, a product counted as `hessianVectorCostInGradients`
  ///   gradients; data fits (m ≫ n) take columns, square systems rows.
  func residualForm<T: DifferentiableScalar>(_ type: T.Type) -> ResidualForm<T>? {
    guard let loss, residualCount > 0 else { return nil }
    let projection = residualProjection(T.self).copy()
    let n = dimension
    let m = residualCount
    var point = [T](repeating: 0, count: n + m)
    var gradient = [T](repeating: 0, count: n + m)
    var direction = [T](repeating: 0, count: n + m)
    let byColumns = n * Self.hessianVectorCostInGradients < m
    let residuals: ResidualForm<T>.Residuals = { x, r in
      for i in 0..<n { point[i] = x[i] }
      for i in n..<n + m { point[i] = 0 }
      _ = projection.gradient(point, into: &gradient)
      for i in 0..<m { r[i] = gradient[n + i] }
    }
    let jacobian: ResidualForm<T>.Jacobian
    if byColumns {
      jacobian = { x, jac in
        for i in 0..<n { point[i] = x[i] }
        for i in n..<n + m { point[i] = 0 }
        for j in 0..<n {
          direction[j] = 1
          projection.hessianVectorProduct(point, direction, into: &gradient)
          direction[j] = 0
          for i in 0..<m { jac[i * n + j] = gradient[n + i] }
        }
      }
    } else {
      jacobian = { x, jac in
        for i in 0..<n { point[i] = x[i] }
        for i in n..<n + m { point[i] = 0 }
        for i in 0..<m {
          point[n + i] = 1
          _ = projection.gradient(point, into: &gradient)
          point[n + i] = 0
          for j in 0..<n { jac[i * n + j] = gradient[j] }
        }
      }
    }
    return ResidualForm(
      count: m, scale: T(loss.scale(count: m)),
      jacobianMethod: byColumns
        ? "forward: \(n) Jacobian–vector products" : "reverse: \(m) gradients",
      residuals: residuals, jacobian: jacobian)
  }
}
