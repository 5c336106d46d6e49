/// Where a path leaves a rectangle: the points at which a segment from inside (or on the edge)
/// to outside crosses the edge, with the segment's direction there. Works in any coordinates
/// (data or pixels); points with a non-finite coordinate break the path and are not crossings.
enum FrameExits {
  struct Exit: Equatable {
    var x: Double
    var y: Double
    /// The direction of travel (not normalised).
    var dx: Double
    var dy: Double
  }

  static func exits(
    of path: [(x: Double, y: Double)], x xRange: ClosedRange<Double>, y yRange: ClosedRange<Double>
  ) -> [Exit] {
    func inside(_ p: (x: Double, y: Double)) -> Bool {
      xRange.contains(p.x) && yRange.contains(p.y)
    }
    var result: [Exit] = []
    for (p, q) in zip(path, path.dropFirst()) {
      guard inside(p), !inside(q),
        let (_, exit) = SegmentClipping.clip(from: p, to: q, x: xRange, y: yRange)
      else { continue }
      // Half differences, as in the clipping: q − p can overflow.
      result.append(Exit(x: exit.x, y: exit.y, dx: q.x / 2 - p.x / 2, dy: q.y / 2 - p.y / 2))
    }
    return result
  }
}
