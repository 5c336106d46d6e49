/// One derivative component compared with its central-difference estimate.
public struct DerivativeComparison<T: DifferentiableScalar>: Sendable, CustomStringConvertible {
  /// `[i]` for a gradient component, `[i, j]` for a Hessian entry.
  public let index: [Int]
  public let analytic: T
  public let numeric: T
  /// |analytic − numeric|; infinity when either is NaN or infinite.
  public let error: T
  /// The error allowed here: absolute + relative·|numeric|.
  public let allowed: T

  public var passed: Bool { error <= allowed }

  public var description: String {
    let at = index.map(String.init).joined(separator: ", ")
    return
      "[\(at)]: analytic \(analytic), numeric \(numeric), error \(error) (allowed \(allowed))"
  }
}

/// The outcome of `GradientChecker.check`: pass/fail and the worst component of each check.
public struct GradientCheckReport<T: DifferentiableScalar>: Sendable, CustomStringConvertible {
  /// The gradient component with the largest error relative to what is allowed.
  public let worstGradient: DerivativeComparison<T>?
  /// The Hessian entry with the largest error relative to what is allowed; nil when not checked.
  public let worstHessian: DerivativeComparison<T>?

  public var passed: Bool {
    (worstGradient?.passed ?? true) && (worstHessian?.passed ?? true)
  }

  public var description: String {
    var lines = [passed ? "derivative check passed" : "derivative check FAILED"]
    if let worstGradient { lines.append("  worst gradient component \(worstGradient)") }
    if let worstHessian { lines.append("  worst Hessian entry \(worstHessian)") }
    return lines.joined(separator: "\n")
  }
}

/// Checks reverse-mode derivatives against central finite differences, like PyTorch's
/// `gradcheck` (gradient against differences of f) and `gradgradcheck` (Hessian against
/// differences of the gradient).
public enum GradientChecker {
  /// Compares ∇f(x) with (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / 2hᵢ, and, when `checkHessian`, the
  /// Hessian with the central differences of the gradient, hᵢ = step·max(1, |xᵢ|).
  ///
  /// A component passes when |analytic − numeric| ≤ absoluteTolerance + relativeTolerance·|numeric|.
  /// The defaults scale with the precision: step, absolute and relative tolerance are all ε^(1/3)
  /// (about 6e-6 for Double, 5e-3 for Float), the step that balances truncation and rounding
  /// error of a central difference. NaN or infinity anywhere fails.
  public static func check<T>(
    _ f: (Variable<T>) -> Variable<T>, at x: [T], step: T? = nil,
    absoluteTolerance: T? = nil, relativeTolerance: T? = nil, checkHessian: Bool = true
  ) -> GradientCheckReport<T> {
    let cubeRootEpsilon = FiniteDifferences.firstOrderStep(T.self)
    let step = step ?? cubeRootEpsilon
    let atol = absoluteTolerance ?? cubeRootEpsilon
    let rtol = relativeTolerance ?? cubeRootEpsilon
    let n = x.count

    func compare(_ index: [Int], _ analytic: T, _ numeric: T) -> DerivativeComparison<T> {
      let difference = Swift.abs(analytic - numeric)
      return DerivativeComparison(
        index: index, analytic: analytic, numeric: numeric,
        error: difference.isFinite ? difference : .infinity,
        allowed: atol + rtol * Swift.abs(numeric))
    }

    let analyticGradient = gradient(of: f, at: x)
    let numericGradient = FiniteDifferences.gradient(
      { y in withoutGrad { f(Variable(y)).scalar } }, at: x, step: step)
    let gradientComparisons = (0..<n).map { i in
      compare([i], analyticGradient[i], numericGradient[i])
    }

    var hessianComparisons = [DerivativeComparison<T>]()
    if checkHessian {
      let analyticHessian = hessian(of: f, at: x)
      let numericHessian = FiniteDifferences.jacobian(
        { gradient(of: f, at: $0) }, at: x, step: step)
      for j in 0..<n {
        for i in 0..<n {
          hessianComparisons.append(compare([i, j], analyticHessian[i][j], numericHessian[i][j]))
        }
      }
    }
    return GradientCheckReport(
      worstGradient: worst(gradientComparisons),
      worstHessian: checkHessian ? worst(hessianComparisons) : nil)
  }

  /// The comparison with the largest error relative to what it allows.
  private static func worst<T>(_ comparisons: [DerivativeComparison<T>]) -> DerivativeComparison<
    T
  >? {
    func badness(_ c: DerivativeComparison<T>) -> T {
      c.allowed > 0 ? c.error / c.allowed : (c.error > 0 ? .infinity : 0)
    }
    return comparisons.max { badness($0) < badness($1) }
  }
}
