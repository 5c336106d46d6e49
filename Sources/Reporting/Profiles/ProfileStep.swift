/// A breakpoint of a profile's step function: from `x` on (up to the next breakpoint) the
/// profile's value is `fraction`. Profiles are right-continuous and 0 left of their first
/// breakpoint.
public struct ProfileStep: Sendable, Equatable {
  public var x: Double
  public var fraction: Double
  public init(x: Double, fraction: Double) {
    self.x = x
    self.fraction = fraction
  }

  /// The breakpoints of x ↦ (number of values ≤ x) / total: one per distinct finite value;
  /// infinite values never count.
  static func cumulative(_ values: [Double], total: Int) -> [ProfileStep] {
    let finite = values.filter(\.isFinite).sorted()
    var steps: [ProfileStep] = []
    for (i, value) in finite.enumerated() where i + 1 == finite.count || finite[i + 1] != value {
      steps.append(ProfileStep(x: value, fraction: Double(i + 1) / Double(total)))
    }
    return steps
  }

  /// The value of the step function `steps` at `x`.
  static func value(of steps: [ProfileStep], at x: Double) -> Double {
    steps.last { $0.x <= x }?.fraction ?? 0
  }
}
