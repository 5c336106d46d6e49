/// The settings GSL's minimizers take beyond our shared `SolverOptions`, with the values the GSL
/// reference manual (chapter "Multidimensional Minimization") recommends.
public struct GSLSettings: Sendable, Hashable {
  /// How the initial simplex of `gsl-nmsimplex2` is laid out around the start.
  public enum SimplexStep: Sendable, Hashable {
    /// The same step along every coordinate (the manual's example uses 1), widened to
    /// 1e-3·|xᵢ| where that is larger: a step of 1 vanishes in the rounding of a coordinate of
    /// 1e17, and a simplex that cannot move reads as converged.
    case uniform(Double)
    /// `fraction`·|xᵢ| along coordinate i, but at least `minimum` (so a zero coordinate still
    /// gets a non-degenerate edge).
    case relative(fraction: Double, minimum: Double)
  }

  /// `step_size` of `gsl_multimin_fdfminimizer_set`: the length of the first trial step. The
  /// manual's examples use 0.01.
  public var firstStep: Double = 0.01
  /// `tol` of `gsl_multimin_fdfminimizer_set`, the accuracy of the line minimization; nil takes
  /// the method's recommended value (`defaultLineTolerance(for:)`).
  public var lineTolerance: Double? = nil
  /// The initial simplex for `gsl-nmsimplex2`.
  public var simplexStep: SimplexStep = .uniform(1)
  /// The simplex-size tolerance used when `SolverOptions.xTolerance` is 0 (off), relative like
  /// ours: the run stops when the size is at most this · (1 + ‖x‖∞). √ε is about the finest
  /// resolution in x at which f values still differ in double precision.
  public var simplexSizeTolerance: Double = Double.ulpOfOne.squareRoot()

  public init(
    firstStep: Double = 0.01, lineTolerance: Double? = nil,
    simplexStep: SimplexStep = .uniform(1),
    simplexSizeTolerance: Double = Double.ulpOfOne.squareRoot()
  ) {
    self.firstStep = firstStep
    self.lineTolerance = lineTolerance
    self.simplexStep = simplexStep
    self.simplexSizeTolerance = simplexSizeTolerance
  }

  /// The manual's recommended `tol` for each method: 0.1 for vector_bfgs2 (Fletcher's σ, "0.1 is
  /// recommended for typical use") and steepest descent (the step-reduction factor, "a suitable
  /// value for most applications is 0.1"); 1e-4 for the conjugate-gradient family and the older
  /// vector_bfgs, which share the directional line minimization the manual's example drives with
  /// tol = 1e-4.
  public static func defaultLineTolerance(for method: GSLGradientMethod) -> Double {
    switch method {
    case .steepestDescent, .vectorBFGS2: return 0.1
    case .conjugateFR, .conjugatePR, .vectorBFGS: return 1e-4
    }
  }

  /// The line tolerance a run of `method` uses.
  public func lineTolerance(for method: GSLGradientMethod) -> Double {
    lineTolerance ?? Self.defaultLineTolerance(for: method)
  }

  /// The initial simplex step along each coordinate of `start`.
  public func simplexSteps(around start: [Double]) -> [Double] {
    switch simplexStep {
    case .uniform(let h): return start.map { max(h, 1e-3 * abs($0)) }
    case .relative(let fraction, let minimum): return start.map { max(fraction * abs($0), minimum) }
    }
  }

  /// Checks every setting, throwing one message that names the first bad one.
  public func validate() throws(GSLSettingsError) {
    guard firstStep.isFinite, firstStep > 0 else {
      throw GSLSettingsError("firstStep must be a positive finite number, got \(firstStep)")
    }
    if let lineTolerance, !(lineTolerance.isFinite && lineTolerance > 0 && lineTolerance < 1) {
      throw GSLSettingsError("lineTolerance must lie in (0, 1), got \(lineTolerance)")
    }
    switch simplexStep {
    case .uniform(let h):
      guard h.isFinite, h > 0 else {
        throw GSLSettingsError("simplexStep must be a positive finite number, got \(h)")
      }
    case .relative(let fraction, let minimum):
      guard fraction.isFinite, fraction >= 0, minimum.isFinite, minimum > 0 else {
        throw GSLSettingsError(
          "simplexStep .relative needs fraction ≥ 0 and minimum > 0, got \(fraction) and \(minimum)"
        )
      }
    }
    guard simplexSizeTolerance.isFinite, simplexSizeTolerance > 0 else {
      throw GSLSettingsError(
        "simplexSizeTolerance must be a positive finite number, got \(simplexSizeTolerance)")
    }
  }
}

/// A `GSLSettings` value that cannot be used, with the reason.
public struct GSLSettingsError: Error, Sendable, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
