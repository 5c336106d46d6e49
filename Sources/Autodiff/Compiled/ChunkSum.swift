/// Σ_{j<n} term(j) over one chunk. A single running sum makes every addition wait for the one
/// before (a few cycles each, more than the rest of a short element-wise chain costs per
/// element), so chunks longer than `sequentialSumLimit` are summed in eight interleaved partial
/// sums (j mod 8), added pairwise at the end: the compiler keeps them in four two-lane vector
/// registers, whose additions overlap, so the sum no longer waits on its own latency. That
/// rounds differently from a sequential sum only in the last bits (and is, if anything, more
/// accurate). Short chunks, such as the scalars and small vectors of most problems, are summed
/// in order, exactly as define-by-run does.
@inline(__always)
func chunkSum<T: DifferentiableScalar>(_ n: Int, _ term: (Int) -> T) -> T {
  var s = PartialSums<T>()
  guard n > sequentialSumLimit else {
    for j in 0..<n { s.s0 += term(j) }
    return s.s0
  }
  var j = 0
  while j &+ 7 < n {
    s.add(
      term(j), term(j &+ 1), term(j &+ 2), term(j &+ 3), term(j &+ 4), term(j &+ 5),
      term(j &+ 6), term(j &+ 7))
    j &+= 8
  }
  while j < n {
    s.s0 += term(j)
    j &+= 1
  }
  return s.total
}

/// `chunkSum` of two quantities at once (a value and its tangent).
@inline(__always)
func chunkSums<T: DifferentiableScalar>(_ n: Int, _ term: (Int) -> (T, T)) -> (T, T) {
  var s = PartialSums<T>()
  var t = PartialSums<T>()
  guard n > sequentialSumLimit else {
    for j in 0..<n {
      let (a, b) = term(j)
      s.s0 += a
      t.s0 += b
    }
    return (s.s0, t.s0)
  }
  var j = 0
  while j &+ 7 < n {
    let (a0, b0) = term(j)
    let (a1, b1) = term(j &+ 1)
    let (a2, b2) = term(j &+ 2)
    let (a3, b3) = term(j &+ 3)
    let (a4, b4) = term(j &+ 4)
    let (a5, b5) = term(j &+ 5)
    let (a6, b6) = term(j &+ 6)
    let (a7, b7) = term(j &+ 7)
    s.add(a0, a1, a2, a3, a4, a5, a6, a7)
    t.add(b0, b1, b2, b3, b4, b5, b6, b7)
    j &+= 8
  }
  while j < n {
    let (a, b) = term(j)
    s.s0 += a
    t.s0 += b
    j &+= 1
  }
  return (s.total, t.total)
}

/// The eight partial sums of `chunkSum`; element j of a chunk goes to sum j mod 8 (the tail
/// after the last full eight to the first).
struct PartialSums<T: DifferentiableScalar> {
  var s0: T = 0
  var s1: T = 0
  var s2: T = 0
  var s3: T = 0
  var s4: T = 0
  var s5: T = 0
  var s6: T = 0
  var s7: T = 0

  @inline(__always)
  mutating func add(_ a0: T, _ a1: T, _ a2: T, _ a3: T, _ a4: T, _ a5: T, _ a6: T, _ a7: T) {
    s0 += a0
    s1 += a1
    s2 += a2
    s3 += a3
    s4 += a4
    s5 += a5
    s6 += a6
    s7 += a7
  }

  var total: T { ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) }
}

/// Chunks up to this length are summed in element order.
let sequentialSumLimit = 8
