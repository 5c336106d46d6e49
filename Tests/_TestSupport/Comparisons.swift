/// Largest |aᵢ − bᵢ|: NaN when either holds a NaN or an infinity the other does not match, and
/// infinity when the lengths differ, so a comparison against a tolerance fails in both cases.
public func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
  guard a.count == b.count else { return .infinity }
  var worst = 0.0
  for (x, y) in zip(a, b) {
    if x == y { continue }
    let d = Swift.abs(x - y)
    if d.isNaN { return .nan }
    worst = Swift.max(worst, d)
  }
  return worst
}

/// Largest |aᵢ|; NaN if any entry is NaN.
public func maxMagnitude(_ a: [Double]) -> Double {
  var worst = 0.0
  for x in a {
    if x.isNaN { return .nan }
    worst = Swift.max(worst, Swift.abs(x))
  }
  return worst
}
