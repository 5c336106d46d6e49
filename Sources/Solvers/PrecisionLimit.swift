import Autodiff
import OptimizationCore

/// Whether a run that stopped without meeting a tolerance (no acceptable step, or a limit on
/// iterations, evaluations or time) ended at a minimizer to the working precision.
///
/// At the best point x, with g = ∇f(x), u = g/‖g‖₂ and the exact curvature c = uᵀ∇²f(x)u (a
/// Hessian–vector product; a forward difference of gradients when the objective has none), the
/// local quadratic model promises at most the decrease δ = ½‖g‖²/c along −g, reached a distance
/// s = ‖g‖/c away. The run is at the precision limit when
///
/// - c > 0 (the model has a minimum along −g: not a saddle, a maximum or a kink),
/// - δ ≤ η = τ·(1 + |f|): no step along the gradient can change f by more than the accuracy to
///   which f is known (relative where |f| > 1, absolute below: the convention of Gill, Murray &
///   Wright, *Practical Optimization* §8.2.3, since near a zero minimum the accuracy relative to
///   f means nothing), and
/// - s ≤ √τ·(1 + ‖x‖∞): the stationary point the model predicts is as close as that accuracy in
///   f can resolve (f varies with the square of the distance there), so a flat f far from any
///   stationary point (f = 10²⁰ + (x − 1)² at x = 0) is not taken for a minimizer,
///
/// with τ = ε^(3/4), ε the precision's unit roundoff: f is taken to be known to three quarters of
/// its digits (1.8e-12 in Double, about 8000 ulps; 6.3e-6 in Float), since its terms can be far
/// larger than f itself (Goldstein–Price's reach 50 where f = 3) and each operation rounds at
/// their size.
/// The check runs after the method has stopped; its evaluations (one gradient and one
/// Hessian–vector product, or two gradients) are counted in the result, and it is skipped when
/// an evaluation limit would forbid them.
public struct PrecisionLimit<T: SolverScalar>: Sendable {
  /// The relative accuracy to which f is taken to be known, ε^(3/4).
  public static var accuracy: T {
    let root = T.ulpOfOne.squareRoot()
    return root * root.squareRoot()
  }

  public var gradientNorm: T
  public var curvature: T
  public var predictedDecrease: T
  public var roundingLevel: T
  public var distance: T
  public var distanceBound: T

  public var isReached: Bool {
    if gradientNorm == 0 { return true }
    return curvature > 0 && predictedDecrease <= roundingLevel && distance <= distanceBound
  }

  /// The figures at x, or nil when f or ∇f cannot be evaluated there or an evaluation limit
  /// forbids it. With `bounds`, g is the gradient without the components that push x out of
  /// the box where it lies on a bound (those the KKT conditions allow to be nonzero), so a
  /// run that ends on the boundary is judged on the directions it could still move along.
  public init?(objective: Objective<T>, x: [T], bounds: Bounds<T>? = nil) {
    var g = [T]()
    guard let f = try? objective.gradient(x, into: &g), f.isFinite, g.allSatisfy(\.isFinite)
    else { return nil }
    if let bounds {
      for i in g.indices
      where (x[i] <= bounds.lower[i] && g[i] > 0) || (x[i] >= bounds.upper[i] && g[i] < 0) {
        g[i] = 0
      }
    }
    let norm = VectorNorms.euclidean(g)
    let epsilon = T.ulpOfOne
    gradientNorm = norm
    roundingLevel = Self.accuracy * (1 + Swift.abs(f))
    distanceBound = Self.accuracy.squareRoot() * (1 + VectorNorms.maximum(x))
    guard norm > 0 else {
      // An exact zero gradient: stationary, with nothing left to resolve.
      curvature = .nan
      predictedDecrease = 0
      distance = 0
      return
    }
    let u = g.map { $0 / norm }
    var hu = [T]()
    if objective.hasHessianVector {
      guard (try? objective.hessianVector(x, u, into: &hu)) != nil else { return nil }
    } else {
      let h = epsilon.squareRoot() * (1 + VectorNorms.maximum(x))
      var shifted = [T]()
      let moved = zip(x, u).map { $0 + h * $1 }
      guard (try? objective.gradient(moved, into: &shifted)) != nil else { return nil }
      hu = zip(shifted, g).map { ($0 - $1) / h }
    }
    let c = zip(u, hu).reduce(T(0)) { $0 + $1.0 * $1.1 }
    curvature = c
    predictedDecrease = c > 0 ? norm * norm / (2 * c) : .infinity
    distance = c > 0 ? norm / c : .infinity
  }

  /// The figures, for a run's message.
  public var summary: String {
    "‖∇f‖₂ = \(gradientNorm), curvature along ∇f \(curvature), predicted decrease "
      + "\(predictedDecrease) vs rounding of f \(roundingLevel), distance to the model's minimum "
      + "\(distance) vs \(distanceBound)"
  }
}
