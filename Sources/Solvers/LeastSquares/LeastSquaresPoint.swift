import Autodiff
import OptimizationCore

/// The residual picture of f = s·Σrᵢ² at one point: r, the Jacobian J (row-major m×n), and what
/// follows from them, f = s·‖r‖² and ∇f = 2s·Jᵀr.
struct LeastSquaresPoint<T: SolverScalar> {
  var x: [T]
  var r: [T]
  var jacobian: [T] = []
  let scale: T

  var m: Int { r.count }
  var n: Int { x.count }

  /// ‖r‖₂, accumulated with scaling so that residuals near the overflow limit still give a
  /// finite norm.
  var residualNorm: T { VectorNorms.euclidean(r) }
  var f: T { scale * VectorMath.dot(r, r) }

  /// ∇f = 2s·Jᵀr (needs the Jacobian).
  var gradient: [T] {
    var g = [T](repeating: 0, count: n)
    for i in 0..<m {
      let ri = 2 * scale * r[i]
      for j in 0..<n { g[j] += jacobian[i * n + j] * ri }
    }
    return g
  }

  /// J·v.
  func jacobianTimes(_ v: [T]) -> [T] {
    (0..<m).map { i in
      var s: T = 0
      for j in 0..<n { s += jacobian[i * n + j] * v[j] }
      return s
    }
  }

  /// ‖J·eⱼ‖₂, the column norms (Moré's scaling).
  var columnNorms: [T] {
    (0..<n).map { j in
      VectorNorms.euclidean((0..<m).map { jacobian[$0 * n + j] })
    }
  }

  /// The residuals at x and, with `withJacobian`, the Jacobian: one f and one gradient
  /// evaluation of the objective.
  static func evaluate(
    _ objective: Objective<T>, at x: [T], form: ResidualForm<T>, withJacobian: Bool
  ) throws(EvaluationLimitReached) -> LeastSquaresPoint<T> {
    var r = [T]()
    try objective.residuals(x, into: &r)
    var point = LeastSquaresPoint(x: x, r: r, scale: form.scale)
    if withJacobian { try objective.jacobian(x, into: &point.jacobian) }
    return point
  }
}
