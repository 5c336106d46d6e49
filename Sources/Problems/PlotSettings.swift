/// Bounds of the contour plot of a two-variable problem.
public struct PlotSettings: Hashable, Sendable {
  public let x: ClosedRange<Double>
  public let y: ClosedRange<Double>
  /// Log-spaced contours.
  public let log: Bool

  public init(x: ClosedRange<Double>, y: ClosedRange<Double>, log: Bool) {
    self.x = x
    self.y = y
    self.log = log
  }
}
