import Autodiff
import OptimizationCore
import RealModule

/// `lr = auto` for the fixed-step methods, from λ, the largest |eigenvalue| of ∇²f(x₀), by power
/// iteration with Hessian–vector products (forward differences of gradients when the objective
/// has none), so a start where the Hessian is indefinite or negative definite still gets the
/// scale of its curvature.
///
/// - Gradient descent, x ← x − lr·g, is stable on a quadratic for lr·λ < 2: lr = 1/λ, half that.
/// - Heavy-ball momentum μ is stable for lr·λ < 2(1 + μ) and PyTorch's Nesterov form for
///   lr·λ < 2(1 + μ)/(1 + 2μ); heavy ball contracts at its best rate √μ for every lr·λ in
///   [(1 − √μ)², (1 + √μ)²], whose geometric centre is 1 − μ. lr = (1 − μ)/λ puts the start's
///   curvature there: the long-run step lr/(1 − μ) equals gradient descent's 1/λ, and the
///   curvature can grow 2(1 + μ)/((1 + 2μ)(1 − μ)) times (13.6 for Nesterov with μ = 0.9, 38 for
///   heavy ball) before either becomes unstable. Half the limits was not enough: on Himmelblau
///   the curvature doubles between the start and the minimum.
///
/// When the curvature at the start is zero or not finite, the first step is 1% of 1 + ‖x₀‖∞.
/// The Hessian–vector products (or gradients) it takes are counted in the run.
public enum AutoLearningRate {
  public enum Method: Sendable {
    case gradientDescent
    case heavyBall(momentum: Double)
    case nesterov(momentum: Double)

    /// lr·λ chosen.
    var scaledStep: Double {
      switch self {
      case .gradientDescent: return 1
      case .heavyBall(let mu), .nesterov(let mu): return 1 - mu
      }
    }
  }

  /// The learning rate for `method` from x₀, where the gradient is `g0`, and the curvature λ
  /// (NaN when the fallback was used).
  public static func choose<T: SolverScalar>(
    _ method: Method, objective: Objective<T>, start x0: [T], gradient g0: [T]
  ) throws(EvaluationLimitReached) -> (learningRate: Double, curvature: Double) {
    let lambda = try largestCurvature(objective, at: x0)
    if lambda > 0 && lambda.isFinite {
      return (method.scaledStep / lambda, lambda)
    }
    let step = 0.01 * (1 + Double(VectorNorms.maximum(x0)))
    let gMax = Double(VectorNorms.maximum(g0))
    return (gMax > 0 && gMax.isFinite ? step / gMax : 0.01, .nan)
  }

  /// The largest |eigenvalue| of ∇²f(x) by power iteration, to 0.1%.
  static func largestCurvature<T: SolverScalar>(
    _ objective: Objective<T>, at x: [T]
  ) throws(EvaluationLimitReached) -> Double {
    let n = x.count
    guard n > 0 else { return 0 }
    var g = [T]()
    if !objective.hasHessianVector { _ = try objective.gradient(x, into: &g) }
    // Deterministic and unlikely to be orthogonal to the top eigenvector.
    var v = (0..<n).map { T(1 + 0.5 * Double.sin(Double(3 * $0 + 1))) }
    var norm = VectorNorms.euclidean(v)
    v = v.map { $0 / norm }
    var product = [T]()
    var estimate = 0.0
    for _ in 0..<100 {
      if objective.hasHessianVector {
        try objective.hessianVector(x, v, into: &product)
      } else {
        let h = T.ulpOfOne.squareRoot() * (1 + VectorNorms.maximum(x))
        let moved = zip(x, v).map { $0 + h * $1 }
        _ = try objective.gradient(moved, into: &product)
        product = zip(product, g).map { ($0 - $1) / h }
      }
      norm = VectorNorms.euclidean(product)
      let next = Double(norm)
      guard next > 0, next.isFinite else { return next }
      let settled = Swift.abs(next - estimate) <= 1e-3 * next
      estimate = next
      if settled { break }
      v = product.map { $0 / norm }
    }
    return estimate
  }
}

extension RunRecorder {
  /// Chooses the learning rate for `method` at the start x₀ and records it in the result's
  /// resolved settings and message.
  func autoLearningRate(_ method: AutoLearningRate.Method, at x0: [T], _ g0: [T])
    throws(EvaluationLimitReached) -> Double
  {
    let (lr, lambda) = try AutoLearningRate.choose(
      method, objective: objective, start: x0, gradient: g0)
    resolvedSettings["lr"] = .number(lr)
    resolvedNote =
      lambda.isNaN
      ? "lr = auto: \(lr) (no curvature at the start; first step 1% of 1 + ‖x₀‖∞)"
      : "lr = auto: \(lr) from |λ|max = \(lambda) at the start"
    return lr
  }
}
