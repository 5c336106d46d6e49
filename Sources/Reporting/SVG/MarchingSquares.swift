/// Contour lines of a function sampled on a grid, by marching squares: in each grid cell, the
/// level crosses the edges whose corner values lie on either side of it, at the point found by
/// linear interpolation along the edge; the crossings are joined by segments. A saddle cell
/// (diagonal corners on the same side) is resolved by the mean of its corners. Cells with a
/// non-finite corner are left empty.
public enum MarchingSquares {
  /// A point in data coordinates.
  public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
      self.x = x
      self.y = y
    }
  }

  /// A function sampled on a regular grid: `values[j][i]` is f(`xs[i]`, `ys[j]`).
  public struct Grid: Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var values: [[Double]]

    /// Samples `f` at `count` × `count` points spanning the ranges, ends included.
    public init(
      _ f: (Double, Double) -> Double, x: ClosedRange<Double>, y: ClosedRange<Double>,
      count: Int
    ) {
      let n = max(count, 2)
      let xs = (0..<n).map {
        x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / Double(n - 1)
      }
      let ys = (0..<n).map {
        y.lowerBound + (y.upperBound - y.lowerBound) * Double($0) / Double(n - 1)
      }
      self.xs = xs
      self.ys = ys
      self.values = ys.map { yj in xs.map { xi in f(xi, yj) } }
    }

    public init(xs: [Double], ys: [Double], values: [[Double]]) {
      self.xs = xs
      self.ys = ys
      self.values = values
    }
  }

  /// The segments of the contour `f = level`.
  public static func segments(_ grid: Grid, level: Double) -> [(Point, Point)] {
    let xs = grid.xs
    let ys = grid.ys
    let v = grid.values
    guard xs.count >= 2, ys.count >= 2 else { return [] }
    var result: [(Point, Point)] = []

    // The crossing on the edge between two grid nodes, always interpolated from the node with
    // the smaller index, so that the two cells sharing an edge compute the identical point.
    func crossing(_ i0: Int, _ j0: Int, _ i1: Int, _ j1: Int) -> Point {
      let a = v[j0][i0]
      let b = v[j1][i1]
      let t = (level - a) / (b - a)
      // A node exactly on the level is shared with edges in other directions: use its exact
      // coordinates, which a + 1·(b − a) need not reproduce.
      if t == 1 { return Point(x: xs[i1], y: ys[j1]) }
      return Point(x: xs[i0] + t * (xs[i1] - xs[i0]), y: ys[j0] + t * (ys[j1] - ys[j0]))
    }

    for j in 0..<(ys.count - 1) {
      for i in 0..<(xs.count - 1) {
        let bl = v[j][i]
        let br = v[j][i + 1]
        let tr = v[j + 1][i + 1]
        let tl = v[j + 1][i]
        guard bl.isFinite, br.isFinite, tr.isFinite, tl.isFinite else { continue }
        let code =
          (bl >= level ? 1 : 0) | (br >= level ? 2 : 0) | (tr >= level ? 4 : 0)
          | (tl >= level ? 8 : 0)
        if code == 0 || code == 15 { continue }

        let bottom = { crossing(i, j, i + 1, j) }
        let right = { crossing(i + 1, j, i + 1, j + 1) }
        let top = { crossing(i, j + 1, i + 1, j + 1) }
        let left = { crossing(i, j, i, j + 1) }
        let centreAbove = (bl + br + tr + tl) / 4 >= level

        switch code {
        case 1, 14: result.append((left(), bottom()))
        case 2, 13: result.append((bottom(), right()))
        case 4, 11: result.append((right(), top()))
        case 8, 7: result.append((top(), left()))
        case 3, 12: result.append((left(), right()))
        case 6, 9: result.append((bottom(), top()))
        case 5:
          // bl and tr above: if the centre is above they join, cutting off br and tl.
          if centreAbove {
            result.append((bottom(), right()))
            result.append((top(), left()))
          } else {
            result.append((left(), bottom()))
            result.append((right(), top()))
          }
        case 10:
          // br and tl above.
          if centreAbove {
            result.append((left(), bottom()))
            result.append((right(), top()))
          } else {
            result.append((bottom(), right()))
            result.append((top(), left()))
          }
        default: break
        }
      }
    }
    // A node exactly on the level gives zero-length segments in the cells where it is the only
    // corner above; they draw nothing and would confuse the joining of lines.
    return result.filter { $0.0 != $0.1 }
  }

  /// Joins segments that share end points into polylines (closed ones end where they start).
  public static func polylines(_ segments: [(Point, Point)]) -> [[Point]] {
    var byEnd: [Point: [Int]] = [:]
    for (k, s) in segments.enumerated() {
      byEnd[s.0, default: []].append(k)
      byEnd[s.1, default: []].append(k)
    }
    var used = [Bool](repeating: false, count: segments.count)

    func extend(_ chain: inout [Point]) {
      while let last = chain.last,
        let next = byEnd[last]?.first(where: { !used[$0] })
      {
        used[next] = true
        let s = segments[next]
        chain.append(s.0 == last ? s.1 : s.0)
      }
    }

    var lines: [[Point]] = []
    for k in segments.indices where !used[k] {
      used[k] = true
      var forward = [segments[k].0, segments[k].1]
      extend(&forward)
      var backward = [forward[0]]
      extend(&backward)
      lines.append(backward.dropFirst().reversed() + forward)
    }
    return lines
  }
}
