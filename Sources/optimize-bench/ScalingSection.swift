import Autodiff
import Problems

/// Section 2: `rosenbrock-n` from its problem file at growing n: value, gradient and
/// Hessian–vector product per call on the fast path against hand-written loops, time per
/// element (flat when the cost is linear in n) and the process's peak memory. The fast path
/// runs single-threaded, as the hand loops do, except in the column (and CSV rows) marked with
/// the number of threads it may use. "allocs/call" is the worst of every fast-path call, one
/// thread and threaded.
func scalingSection(_ plan: TimingPlan, sizes: [Int]) throws -> SectionResult {
  let threads = (try CompiledFunction<Double>(dimension: 1) { sum($0) }).threadCount
  var table = Table(
    "Scaling: rosenbrock-n on the fast path, Double, 1 thread unless marked (hand: ratio to a "
      + "single-threaded hand-written loop)",
    headers: [
      "n", "value", "gradient", "HVP", "grad/value", "value/hand", "grad/hand", "HVP/hand",
      "grad \(threads) thr/hand", "HVP \(threads) thr/hand", "grad ns/n", "HVP ns/n",
      "allocs/call", "peak MiB",
    ])
  var rows: [BenchRow] = []
  for n in sizes {
    let problem = try ProblemCatalog.load("rosenbrock-n", parameters: ["n": Double(n)])
    let f = problem.compiled(Double.self)
    f.threadCount = 1
    let x = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    let v = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    let g = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    let hv = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    let hg = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    let hhv = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    defer { [x, v, g, hv, hg, hhv].forEach { $0.deallocate() } }
    _ = x.initialize(from: problem.start)
    for i in 0..<n { v[i] = 1 / Double(i + 1) }
    let xr = UnsafeBufferPointer(x)
    let vr = UnsafeBufferPointer(v)

    let values = [
      f.value(at: xr), f.gradient(at: xr, into: g), f.hessianVectorProduct(at: xr, vr, into: hv),
    ]
    let handValues = [
      HandWrittenChainedRosenbrock.value(xr), HandWrittenRosenbrock.gradient(xr, hg),
      HandWrittenChainedRosenbrock.hessianVectorProduct(xr, vr, hhv),
    ]
    let difference = largestDifference(
      values + Array(g) + Array(hv), handValues + Array(hg) + Array(hhv))
    guard difference <= agreementTolerance else {
      throw BaselineDisagreement(
        description: "rosenbrock-n, n = \(n): hand-written and fast-path results differ by "
          + "\(difference) (relative); not timing them")
    }

    // Plain loops, as the hand-written baselines use: a closure per call would add its own cost.
    func repeated(_ body: @escaping () -> Double) -> (Int) -> Double {
      { k in
        var s = 0.0
        for _ in 0..<k { s += body() }
        return s
      }
    }
    let workloads: [(String, (Int) -> Double, (Int) -> Double)] = [
      (
        "value", repeated { f.value(at: xr) },
        repeated { HandWrittenChainedRosenbrock.value(xr) }
      ),
      (
        "gradient", repeated { f.gradient(at: xr, into: g) },
        repeated { HandWrittenRosenbrock.gradient(xr, hg) }
      ),
      (
        "hvp", repeated { f.hessianVectorProduct(at: xr, vr, into: hv) },
        repeated { HandWrittenChainedRosenbrock.hessianVectorProduct(xr, vr, hhv) }
      ),
    ]
    var fast: [Measurement] = []
    var hand: [Measurement] = []
    var allocations = 0.0
    for (operation, fastBody, handBody) in workloads {
      let t = measure(plan, fastBody)
      let t0 = measure(plan, handBody)
      let a = allocationsPerCall(calls: 10, fastBody)
      allocations = max(allocations, a)
      fast.append(t)
      hand.append(t0)
      rows.append(
        BenchRow(workload: "rosenbrock-n:\(operation)", variant: "hand-written", n: n, time: t0))
      rows.append(
        BenchRow(
          workload: "rosenbrock-n:\(operation)", variant: "fast-path", n: n, time: t,
          reference: "hand-written", ratio: t.seconds / t0.seconds, allocationsPerCall: a))
    }
    // The threaded path counts towards the zero-allocation target as well: its workers must
    // not allocate per call either.
    f.threadCount = threads
    let threaded = measure(plan, workloads[1].1)
    let threadedHVP = measure(plan, workloads[2].1)
    let threadedAllocations = [workloads[1].1, workloads[2].1].map {
      allocationsPerCall(calls: 10, $0)
    }
    f.threadCount = 1
    allocations = max(allocations, threadedAllocations.max()!)
    rows.append(
      BenchRow(
        workload: "rosenbrock-n:gradient", variant: "fast-path-\(threads)-threads", n: n,
        time: threaded, reference: "hand-written", ratio: threaded.seconds / hand[1].seconds,
        allocationsPerCall: threadedAllocations[0]))
    rows.append(
      BenchRow(
        workload: "rosenbrock-n:hvp", variant: "fast-path-\(threads)-threads", n: n,
        time: threadedHVP, reference: "hand-written",
        ratio: threadedHVP.seconds / hand[2].seconds, allocationsPerCall: threadedAllocations[1]))
    // The gradient (and HVP) against the fast path's own value: the cheap-gradient principle.
    rows.append(
      BenchRow(
        workload: "rosenbrock-n:gradient", variant: "fast-path", n: n, time: fast[1],
        reference: "fast-path:value", ratio: fast[1].seconds / fast[0].seconds))
    rows.append(
      BenchRow(
        workload: "rosenbrock-n:hvp", variant: "fast-path", n: n, time: fast[2],
        reference: "fast-path:value", ratio: fast[2].seconds / fast[0].seconds))
    let peakBytes = peakResidentBytes()
    for k in rows.indices where rows[k].n == n { rows[k].peakResidentBytes = peakBytes }
    let peak = peakBytes.map { fixed($0 / 1_048_576, 1) } ?? "-"
    table.add([
      "\(n)", duration(fast[0].nanoseconds), duration(fast[1].nanoseconds),
      duration(fast[2].nanoseconds), ratio(fast[1].seconds, fast[0].seconds),
      ratio(fast[0].seconds, hand[0].seconds), ratio(fast[1].seconds, hand[1].seconds),
      ratio(fast[2].seconds, hand[2].seconds), ratio(threaded.seconds, hand[1].seconds),
      ratio(threadedHVP.seconds, hand[2].seconds),
      fixed(fast[1].nanoseconds / Double(n), 2),
      fixed(fast[2].nanoseconds / Double(n), 2), fixed(allocations, 2), peak,
    ])
  }
  return SectionResult(table: table.render(), rows: rows)
}
