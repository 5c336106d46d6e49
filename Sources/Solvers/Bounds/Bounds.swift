import Autodiff
import OptimizationCore

/// A box lᵢ ≤ xᵢ ≤ uᵢ: one lower and one upper bound per variable, −∞ and +∞ where a side is
/// unbounded. Checked when made, so a box in hand is never empty: every lᵢ ≤ uᵢ, no NaN, no
/// lower bound of +∞ and no upper bound of −∞ (lᵢ = uᵢ fixes the variable).
public struct Bounds<T: SolverScalar>: Sendable, Equatable {
  public let lower: [T]
  public let upper: [T]

  /// Throws `BoundsError` naming the first coordinate at fault.
  public init(lower: [T], upper: [T]) throws(BoundsError) {
    guard lower.count == upper.count else {
      throw BoundsError(
        "lower has \(lower.count) values but upper has \(upper.count); one of each per variable")
    }
    for i in lower.indices {
      let (l, u) = (lower[i], upper[i])
      if l.isNaN || u.isNaN { throw BoundsError("bound \(i) is NaN (lower \(l), upper \(u))") }
      if l == .infinity { throw BoundsError("lower bound \(i) is inf: no value can reach it") }
      if u == -.infinity { throw BoundsError("upper bound \(i) is -inf: no value can reach it") }
      if l > u { throw BoundsError("lower bound \(i) is \(l), above its upper bound \(u)") }
    }
    self.lower = lower
    self.upper = upper
  }

  /// −∞ ≤ xᵢ ≤ +∞ for n variables: what a bounded method uses when given no box.
  init(unboundedDimension n: Int) {
    lower = [T](repeating: -.infinity, count: n)
    upper = [T](repeating: .infinity, count: n)
  }

  public var dimension: Int { lower.count }

  /// Whether some side of some variable is finite; a box of infinities bounds nothing.
  public var isBounded: Bool {
    lower.contains { $0 != -.infinity } || upper.contains { $0 != .infinity }
  }

  /// Whether lᵢ ≤ xᵢ ≤ uᵢ for every i.
  public func contains(_ x: [T]) -> Bool {
    x.indices.allSatisfy { lower[$0] <= x[$0] && x[$0] <= upper[$0] }
  }

  /// The nearest point of the box: each coordinate clamped to its bounds.
  public func project(_ x: [T]) -> [T] {
    var p = x
    for i in p.indices { p[i] = Swift.min(Swift.max(p[i], lower[i]), upper[i]) }
    return p
  }

  /// x − P(x − g): the gradient with the components that push x out of the box at a bound
  /// removed (and those that would cross a bound shortened to the distance to it). It is zero
  /// exactly at the points that satisfy the first-order (KKT) conditions, and equals g where
  /// no bound is within reach, so its ∞-norm is the bounded methods' gradient test.
  public func projectedGradient(at x: [T], gradient g: [T]) -> [T] {
    var r = x
    for i in r.indices { r[i] = x[i] - Swift.min(Swift.max(x[i] - g[i], lower[i]), upper[i]) }
    return r
  }

  /// The bounds that x lies on, in coordinate order (a fixed variable, lᵢ = uᵢ, on its lower).
  public func active(at x: [T]) -> [ActiveBound] {
    x.indices.compactMap { i in
      if x[i] == lower[i] { return ActiveBound(index: i, side: .lower) }
      if x[i] == upper[i] { return ActiveBound(index: i, side: .upper) }
      return nil
    }
  }
}

/// A variable on one of its bounds.
public struct ActiveBound: Sendable, Hashable {
  public enum Side: String, Sendable, Codable { case lower, upper }
  public var index: Int
  public var side: Side

  public init(index: Int, side: Side) {
    self.index = index
    self.side = side
  }
}

/// Bounds that make no box: lengths that differ, NaN, lᵢ > uᵢ, a lower bound of +∞.
public struct BoundsError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
