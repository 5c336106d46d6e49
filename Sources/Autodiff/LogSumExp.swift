/// log Σᵢ exp(vᵢ), computed stably: with m the largest element, m + log Σᵢ exp(vᵢ − m), so
/// that no exponential overflows and the largest term is 1. The shift is recorded, not frozen,
/// so a compiled function stays stable at every point; its derivative cancels (the gradient is
/// the softmax of v). An empty vector gives −∞.
public func logsumexp<T>(_ v: Variable<T>) -> Variable<T> {
  guard v.shape.count > 0 else { return Variable(-T.infinity) }
  let m = largestElement(v)
  return log(sum(exp(v - m))) + m
}

/// The largest element of a non-empty vector (a scalar is its own), by halving: the element-wise
/// maximum of the two halves, which overlap by one element when the length is odd (a tie, whose
/// gradient splits in two halves that add up again).
func largestElement<T>(_ v: Variable<T>) -> Variable<T> {
  var m = v
  var n = v.shape.count
  while n > 1 {
    let half = (n + 1) / 2
    m = max(m.slice(0, half), m.slice(n - half, n))
    n = half
  }
  return m.shape.isScalar ? m : m[0]
}
