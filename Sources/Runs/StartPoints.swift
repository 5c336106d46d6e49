import Autodiff
import OptimizationCore
import Problems
import Solvers

/// Start points for a run: the given one, or for `--starts N` random points drawn from a
/// seeded generator — uniform in the plot bounds for two-variable problems that have them,
/// otherwise uniform in a box of half-width max(1, |xᵢ|) around the start.
public enum StartPoints {
  public static func make(
    count: Int, first: [Double], explicitStart: Bool, problem: Problem, seed: UInt64
  ) -> [[Double]] {
    guard count > 1 else { return [first] }
    return random(
      count: count, around: first, problem: problem, seed: seed, usePlotBounds: !explicitStart)
  }

  /// `count` random points from a generator seeded with `seed`: uniform in the plot bounds for
  /// two-variable problems that have them (unless `usePlotBounds` is false), otherwise uniform in
  /// a box of half-width max(1, |xᵢ|) around the first point.
  public static func random(
    count: Int, around first: [Double], problem: Problem, seed: UInt64,
    usePlotBounds: Bool = true
  ) -> [[Double]] {
    var generator = SeededGenerator(seed: seed)
    var points: [[Double]] = []
    for _ in 0..<count {
      if let plot = problem.plot, problem.dimension == 2, usePlotBounds {
        points.append([
          uniform(plot.x, &generator), uniform(plot.y, &generator),
        ])
      } else {
        points.append(
          first.map { center in
            let radius = max(1, Swift.abs(center))
            return uniform((center - radius)...(center + radius), &generator)
          })
      }
    }
    return points
  }

  private static func uniform(_ range: ClosedRange<Double>, _ generator: inout SeededGenerator)
    -> Double
  {
    let unit = Double(generator.next() >> 11) * 0x1p-53
    return range.lowerBound + unit * (range.upperBound - range.lowerBound)
  }
}
