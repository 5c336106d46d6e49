/// A known stationary point of a problem: its objective value and, where known, its location
/// (flat, one number per scalar unknown).
public struct KnownPoint: Hashable, Sendable {
  public let f: Double
  public let x: [Double]?

  public init(f: Double, x: [Double]?) {
    self.f = f
    self.x = x
  }
}
