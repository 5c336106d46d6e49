/// Σ_{j<n} term(j) over one chunk. A single running sum makes every addition wait for the one
/// before (a few cycles each, more than the rest of a short element-wise chain costs per
/// element), so chunks longer than `sequentialSumLimit` are summed in four interleaved partial
/// sums, added pairwise at the end; that rounds differently from a sequential sum only in the
/// last bits (and is, if anything, more accurate). Short chunks, such as the scalars and small
/// vectors of most problems, are summed in order, exactly as define-by-run does.
@inline(__always)
func chunkSum<T: DifferentiableScalar>(_ n: Int, _ term: (Int) -> T) -> T {
  var s0: T = 0
  guard n > sequentialSumLimit else {
    for j in 0..<n { s0 += term(j) }
    return s0
  }
  var s1: T = 0
  var s2: T = 0
  var s3: T = 0
  var j = 0
  while j &+ 3 < n {
    s0 += term(j)
    s1 += term(j &+ 1)
    s2 += term(j &+ 2)
    s3 += term(j &+ 3)
    j &+= 4
  }
  while j < n {
    s0 += term(j)
    j &+= 1
  }
  return (s0 + s1) + (s2 + s3)
}

/// `chunkSum` of two quantities at once (a value and its tangent).
@inline(__always)
func chunkSums<T: DifferentiableScalar>(_ n: Int, _ term: (Int) -> (T, T)) -> (T, T) {
  var s0: T = 0
  var t0: T = 0
  guard n > sequentialSumLimit else {
    for j in 0..<n {
      let (s, t) = term(j)
      s0 += s
      t0 += t
    }
    return (s0, t0)
  }
  var s1: T = 0
  var s2: T = 0
  var s3: T = 0
  var t1: T = 0
  var t2: T = 0
  var t3: T = 0
  var j = 0
  while j &+ 3 < n {
    let (a0, b0) = term(j)
    let (a1, b1) = term(j &+ 1)
    let (a2, b2) = term(j &+ 2)
    let (a3, b3) = term(j &+ 3)
    s0 += a0
    s1 += a1
    s2 += a2
    s3 += a3
    t0 += b0
    t1 += b1
    t2 += b2
    t3 += b3
    j &+= 4
  }
  while j < n {
    let (s, t) = term(j)
    s0 += s
    t0 += t
    j &+= 1
  }
  return ((s0 + s1) + (s2 + s3), (t0 + t1) + (t2 + t3))
}

/// Chunks up to this length are summed in element order.
let sequentialSumLimit = 8
