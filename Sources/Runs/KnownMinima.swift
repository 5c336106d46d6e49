import Problems
import Reporting

/// The problem's known minima with stable labels: `global` for `[minimum]` (and any other
/// known point with the same f), `local-1`, `local-2`, … for `[[local_minima]]` in file order.
public struct KnownMinima: Sendable {
  public struct Point: Sendable {
    public var label: String
    public var f: Double
    public var x: [Double]?
  }

  public let points: [Point]
  public let globalF: Double?

  public init(_ problem: Problem) {
    var points: [Point] = []
    if let minimum = problem.minimum {
      points.append(Point(label: "global", f: minimum.f, x: minimum.x))
    }
    for (index, local) in problem.localMinima.enumerated() {
      let isGlobal = problem.minimum.map {
        Swift.abs($0.f - local.f) <= 1e-12 * max(1, Swift.abs($0.f))
      }
      points.append(
        Point(label: isGlobal == true ? "global" : "local-\(index + 1)", f: local.f, x: local.x))
    }
    self.points = points
    self.globalF = problem.minimum?.f
  }

  /// |f − f*| against the global minimum, if known.
  public func fError(_ f: Double) -> Double? { globalF.map { Swift.abs(f - $0) } }

  /// ‖x − x*‖₂ to the nearest global minimizer, if one is known.
  public func xError(_ x: [Double]) -> Double? {
    let globals = points.filter { $0.label == "global" }
    return distanceToNearestMinimum(
      x: x, minima: globals.map { (label: $0.label, x: $0.x ?? [], f: $0.f) })
  }

  /// The label of the known minimum the point ended at: within 1e-3·(1 + ‖x*‖∞) in every
  /// coordinate, the nearest one.
  public func endedAt(_ x: [Double]) -> String? {
    var best: (label: String, distance: Double)?
    for point in points {
      guard let star = point.x, star.count == x.count else { continue }
      let scale = 1 + (star.map { Swift.abs($0) }.max() ?? 0)
      let worst = zip(x, star).map { Swift.abs($0 - $1) }.max() ?? 0
      guard worst <= 1e-3 * scale else { continue }
      let d = distance(x, star)
      if best == nil || d < best!.distance { best = (point.label, d) }
    }
    return best?.label
  }

  /// A short description of a label for tables: `local-1 (f = 30)`.
  public func describe(_ label: String?) -> String {
    guard let label else { return "" }
    guard label != "global", let point = points.first(where: { $0.label == label }) else {
      return label
    }
    return "\(label) (f = \(point.f))"
  }

  private func distance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
  }
}
