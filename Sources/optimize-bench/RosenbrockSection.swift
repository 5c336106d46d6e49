import Autodiff

/// Chained Rosenbrock from n = 10³ to 10⁶: value+gradient against a hand-written loop, and the
/// Hessian–vector product against the gradient; the time per element should stay flat.
func rosenbrockSection(_ plan: TimingPlan) throws -> String {
  var table = Table(
    "Chained Rosenbrock sum(100*(x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2), Double",
    headers: [
      "n", "fast value+grad", "ns/elem", "hand loop", "ratio", "fast HVP", "HVP/grad",
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
    let tg = timePerCall(plan, fastGradient)
    let th = timePerCall(plan, handGradient)
    let thv = timePerCall(plan, fastHVP)
    let allocations =
      allocationsPerCall(calls: 10, fastGradient) + allocationsPerCall(calls: 10, fastHVP)
    table.add([
      "\(n)", duration(tg), fixed(tg / Double(n), 2), duration(th), ratio(tg, th), duration(thv),
      ratio(thv, tg), fixed(allocations, 2),
    ])
  }
  return table.render()
}
