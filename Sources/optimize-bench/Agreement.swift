/// The largest relative difference between two equally long lists of numbers, relative to
/// max(1, |b|) so that entries near zero are compared absolutely.
func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
  precondition(a.count == b.count, "comparing \(a.count) numbers with \(b.count)")
  return zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}

/// Hand-written and automatic derivatives that differ by more than this are a bug in one of
/// them, and timing them against each other would mean nothing.
let agreementTolerance = 1e-9

/// A baseline that disagrees with the code it is the baseline of.
struct BaselineDisagreement: Error, CustomStringConvertible {
  var description: String
}
