/// A path cut to a box: the parts inside, with segments that cross the edge ending on it
/// (Liang–Barsky). Drawing the cut path keeps every line on its true course; drawing the raw
/// path would not, since pixel coordinates far off the canvas are clamped one by one.
enum SegmentClipping {
  /// The pieces of `path` inside the box, each a polyline; a non-finite point ends a piece.
  static func pieces(
    of path: [(x: Double, y: Double)], x xRange: ClosedRange<Double>, y yRange: ClosedRange<Double>
  ) -> [[(x: Double, y: Double)]] {
    var pieces: [[(x: Double, y: Double)]] = []
    var current: [(x: Double, y: Double)] = []
    for (p, q) in zip(path, path.dropFirst()) {
      guard let (a, b) = clip(from: p, to: q, x: xRange, y: yRange) else {
        if !current.isEmpty { pieces.append(current) }
        current = []
        continue
      }
      if let last = current.last, last.x == a.x, last.y == a.y {
        current.append(b)
      } else {
        if !current.isEmpty { pieces.append(current) }
        current = [a, b]
      }
      // A segment cut short at its end leaves the box: the piece ends there.
      if b.x != q.x || b.y != q.y {
        pieces.append(current)
        current = []
      }
    }
    if !current.isEmpty { pieces.append(current) }
    if path.count == 1, let only = path.first, xRange.contains(only.x), yRange.contains(only.y) {
      pieces.append([only])
    }
    return pieces
  }

  /// The part of the segment p → q inside the box, or nil when none is (or a coordinate is not
  /// finite). Ends inside the box are returned exactly as given.
  static func clip(
    from p: (x: Double, y: Double), to q: (x: Double, y: Double), x xRange: ClosedRange<Double>,
    y yRange: ClosedRange<Double>
  ) -> ((x: Double, y: Double), (x: Double, y: Double))? {
    guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite else { return nil }
    // Half differences: q − p itself overflows when a run jumped to ±1e308.
    let dx = q.x / 2 - p.x / 2
    let dy = q.y / 2 - p.y / 2
    var t0 = 0.0
    var t1 = 1.0
    // Each bound: the segment is inside where step·t ≤ room, in halves.
    for (step, room) in [
      (-dx, p.x / 2 - xRange.lowerBound / 2), (dx, xRange.upperBound / 2 - p.x / 2),
      (-dy, p.y / 2 - yRange.lowerBound / 2), (dy, yRange.upperBound / 2 - p.y / 2),
    ] {
      if step == 0 {
        if room < 0 { return nil }
        continue
      }
      let t = room / step
      if step < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
      if t0 > t1 { return nil }
    }
    func point(_ t: Double) -> (x: Double, y: Double) {
      (
        min(max(p.x + 2 * (t * dx), xRange.lowerBound), xRange.upperBound),
        min(max(p.y + 2 * (t * dy), yRange.lowerBound), yRange.upperBound)
      )
    }
    return (t0 == 0 ? p : point(t0), t1 == 1 ? q : point(t1))
  }
}
