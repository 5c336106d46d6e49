import Autodiff

/// Chained Rosenbrock from n = 10³ to 10⁶: value+gradient against a hand-written loop, and the
/// Hessian–vector product against the gradient; the time per element should stay flat. The
/// fast path's figures are single-threaded ("1 thr") except in the columns marked with the
/// thread count it may use, which splits only chains of 2¹⁶ elements or more; the hand loop is
/// always single-threaded.
func rosenbrockSection(_ plan: TimingPlan) throws -> String {
  let threads = (try CompiledFunction<Double>(dimension: 1) { sum($0) }).threadCount
  var table = Table(
    "Chained Rosenbrock sum(100*(x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2), Double",
    headers: [
      "n", "fast v+g 1 thr", "ns/elem", "hand loop", "ratio 1 thr", "fast v+g \(threads) thr",
      "ratio \(threads) thr", "fast HVP 1 thr", "HVP/grad 1 thr", "HVP \(threads) thr",
      "allocs/call",
    ])
  for n in [1_000, 10_000, 100_000, 1_000_000] {
    let f = try CompiledFunction<Double>(dimension: n) { x in
      sum(100 * pow(x.slice(1, nil) - pow(x.slice(nil, -1), 2), 2) + pow(1 - x.slice(nil, -1), 2))
    }
    let x = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    let v = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    let g = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    let hv = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
    defer { [x, v, g, hv].forEach { $0.deallocate() } }
    for i in 0..<n {
      x[i] = i % 2 == 0 ? -1.2 : 1
      v[i] = 1 / Double(i + 1)
    }
    let xr = UnsafeBufferPointer(x)
    let fastGradient: (Int) -> Double = { k in
      var s = 0.0
      for _ in 0..<k { s += f.gradient(at: xr, into: g) }
      return s
    }
    let handGradient: (Int) -> Double = { k in
      var s = 0.0
      for _ in 0..<k { s += HandWrittenRosenbrock.gradient(xr, g) }
      return s
    }
    let fastHVP: (Int) -> Double = { k in
      var s = 0.0
      for _ in 0..<k { s += f.hessianVectorProduct(at: xr, UnsafeBufferPointer(v), into: hv) }
      return s
    }
    f.threadCount = 1
    let tg = timePerCall(plan, fastGradient)
    let th = timePerCall(plan, handGradient)
    let thv = timePerCall(plan, fastHVP)
    var allocations =
      allocationsPerCall(calls: 10, fastGradient) + allocationsPerCall(calls: 10, fastHVP)
    f.threadCount = threads
    let tgThreaded = timePerCall(plan, fastGradient)
    let thvThreaded = timePerCall(plan, fastHVP)
    allocations +=
      allocationsPerCall(calls: 10, fastGradient)
      + allocationsPerCall(calls: 10, fastHVP)
    table.add([
      "\(n)", duration(tg), fixed(tg / Double(n), 2), duration(th), ratio(tg, th),
      duration(tgThreaded), ratio(tgThreaded, th), duration(thv), ratio(thv, tg),
      duration(thvThreaded), fixed(allocations, 2),
    ])
  }
  return table.render()
}
