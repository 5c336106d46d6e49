/// A problem's box: a lower and an upper bound per scalar unknown (flattened like `start`),
/// −∞ and +∞ where a side is unbounded. Made only through `checked`, so every lᵢ ≤ uᵢ.
public struct VariableBounds: Sendable, Equatable {
  public let lower: [Double]
  public let upper: [Double]

  /// The box, or what is wrong with it: a length other than `dimension`, NaN, a lower bound of
  /// +∞ or an upper bound of −∞, or lᵢ > uᵢ. `names` name the coordinates in the message.
  public static func checked(lower: [Double], upper: [Double], names: [String]) -> Result<
    VariableBounds, BoundsFault
  > {
    let n = names.count
    for (side, values) in [("lower", lower), ("upper", upper)] where values.count != n {
      return .failure(
        BoundsFault(
          side: side,
          message:
            "has \(values.count) number\(values.count == 1 ? "" : "s"), but the problem has \(n) scalar unknown\(n == 1 ? "" : "s")"
        ))
    }
    for i in 0..<n {
      let (l, u, name) = (lower[i], upper[i], names[i])
      if l.isNaN {
        return .failure(BoundsFault(side: "lower", message: "the bound of \(name) is NaN"))
      }
      if u.isNaN {
        return .failure(BoundsFault(side: "upper", message: "the bound of \(name) is NaN"))
      }
      if l == .infinity {
        return .failure(BoundsFault(side: "lower", message: "the lower bound of \(name) is inf"))
      }
      if u == -.infinity {
        return .failure(BoundsFault(side: "upper", message: "the upper bound of \(name) is -inf"))
      }
      if l > u {
        return .failure(
          BoundsFault(
            side: "lower",
            message: "the lower bound of \(name), \(l), is above its upper bound \(u)"))
      }
    }
    return .success(VariableBounds(lower: lower, upper: upper))
  }

  private init(lower: [Double], upper: [Double]) {
    self.lower = lower
    self.upper = upper
  }

  /// Whether some side of some variable is finite.
  public var isBounded: Bool {
    lower.contains { $0 != -.infinity } || upper.contains { $0 != .infinity }
  }

  /// The first coordinate of x outside the box, with a sentence saying how, or nil.
  public func violation(_ x: [Double], names: [String]) -> String? {
    for i in x.indices {
      if x[i] < lower[i] { return "\(names[i]) = \(x[i]) is below its lower bound \(lower[i])" }
      if x[i] > upper[i] { return "\(names[i]) = \(x[i]) is above its upper bound \(upper[i])" }
    }
    return nil
  }
}

/// What is wrong with a box: the side (`lower` or `upper`) the message is about.
public struct BoundsFault: Error, Sendable {
  public let side: String
  public let message: String
}
