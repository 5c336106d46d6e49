/// How residuals r make the objective.
enum Loss: String, CaseIterable, Sendable {
  /// f = Σ rᵢ²
  case sum
  /// f = mean of rᵢ²
  case mean
  /// f = ½ Σ rᵢ²
  case half

  /// The factor in front of Σ rᵢ² for `count` residuals.
  func scale(count: Int) -> Double {
    switch self {
    case .sum: return 1
    case .mean: return 1 / Double(count)
    case .half: return 0.5
    }
  }
}
