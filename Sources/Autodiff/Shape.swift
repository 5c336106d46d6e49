/// Values are scalars or 1-D vectors. A length-1 vector is a vector: it does not broadcast
/// like a scalar (the problem-file contract says so).
public enum Shape: Hashable, Sendable, CustomStringConvertible {
  case scalar
  case vector(Int)

  /// Number of elements stored.
  public var count: Int {
    switch self {
    case .scalar: return 1
    case .vector(let n): return n
    }
  }

  @inlinable
  public var isScalar: Bool {
    if case .scalar = self { return true }
    return false
  }

  public var description: String {
    switch self {
    case .scalar: return "scalar"
    case .vector(let n): return "vector of length \(n)"
    }
  }

  /// The shape of an element-wise combination, or nil when the two cannot broadcast.
  public static func broadcast(_ a: Shape, _ b: Shape) -> Shape? {
    switch (a, b) {
    case (.scalar, _): return b
    case (_, .scalar): return a
    case (.vector(let m), .vector(let n)): return m == n ? a : nil
    }
  }
}
