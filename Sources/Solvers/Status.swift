import Autodiff
import OptimizationCore

/// Why a run ended. The raw values are the stable names used in tables, CSV and JSON.
public enum Status: String, Sendable, Codable, CaseIterable {
  case gradientTolerance = "gradient-tolerance"
  case fTolerance = "f-tolerance"
  case xTolerance = "x-tolerance"
  case iterationLimit = "iteration-limit"
  case evaluationLimit = "evaluation-limit"
  case timeLimit = "time-limit"
  case diverged = "diverged"
  case lineSearchFailed = "line-search-failed"
  /// No acceptable step or a limit reached, at a minimizer to the working precision (see
  /// `PrecisionLimit`): no step can change f beyond its rounding and the stationary point is
  /// within rounding's reach.
  case precisionLimit = "precision-limit"
  case stoppedByCallback = "stopped-by-callback"
  case interrupted = "interrupted"
  /// An error reported by a reference library (GSL); the result's message carries its text.
  case failed = "failed"
  /// Not run: the method's working memory for this problem would not fit in the memory
  /// available (the message gives both figures).
  case insufficientMemory = "insufficient-memory"

  /// True for the three convergence criteria and the precision limit.
  public var isConverged: Bool {
    self == .gradientTolerance || self == .fTolerance || self == .xTolerance
      || self == .precisionLimit
  }
}
