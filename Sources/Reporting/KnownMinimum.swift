/// A known minimum of a problem, as the CLI gathers them from `[minimum]` and
/// `[[local_minima]]`.
public typealias KnownMinimum = (label: String, x: [Double], f: Double)

/// The label of the known minimum nearest to `x`, if its Euclidean distance from `x` is at most
/// `tolerance`. Minima whose `x` has another length than `x` (for instance an unknown minimizer,
/// given as `[]`) are passed over; of two at the same distance the first wins.
public func nearestKnownMinimum(x: [Double], minima: [KnownMinimum], tolerance: Double)
  -> String?
{
  guard let (index, distance) = nearestMinimum(to: x, in: minima), distance <= tolerance else {
    return nil
  }
  return minima[index].label
}

/// The Euclidean distance from `x` to the nearest of `minima` with a minimizer of the same
/// length; nil if there is none. Suits `RunSummary.xError`.
public func distanceToNearestMinimum(x: [Double], minima: [KnownMinimum]) -> Double? {
  nearestMinimum(to: x, in: minima)?.distance
}

private func nearestMinimum(to x: [Double], in minima: [KnownMinimum]) -> (
  index: Int, distance: Double
)? {
  var best: (index: Int, distance: Double)?
  for (i, minimum) in minima.enumerated() where minimum.x.count == x.count {
    var sum = 0.0
    for (a, b) in zip(x, minimum.x) { sum += (a - b) * (a - b) }
    let distance = sum.squareRoot()
    // NaN distances never win: a run that diverged ended at no minimum.
    if distance.isNaN { continue }
    if best == nil || distance < best!.distance { best = (i, distance) }
  }
  return best
}
