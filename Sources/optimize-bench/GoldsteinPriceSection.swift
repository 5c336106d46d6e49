import Autodiff
import Problems

/// Goldstein–Price at the standard start: the fast path against the hand-written baseline.
func goldsteinPriceSection(_ plan: TimingPlan) throws -> String {
  let goldsteinPrice: ([Variable<Double>]) -> Variable<Double> = { v in
    goldsteinPriceExpression(v[0], v[1])
  }
  let f = try CompiledFunction<Double>(inputs: [.scalar, .scalar], goldsteinPrice)
  let point: [Double] = [-0.5, 0.25]
  let x = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
  _ = x.initialize(from: point)
  let v = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
  _ = v.initialize(from: [1.0, -0.5])
  let g = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
  let hv = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
  let h = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4)
  let hg = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
  let hh = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4)
  defer { [x, v, g, hv, h, hg, hh].forEach { $0.deallocate() } }
  let xr = UnsafeBufferPointer(x)

  // The baseline must be right for the ratios to mean anything.
  _ = f.gradient(at: xr, into: g)
  f.hessian(at: xr, into: h)
  _ = HandWrittenGoldsteinPrice.hessian(x[0], x[1], hg.baseAddress!, hh.baseAddress!)
  let disagreement = zip(Array(g) + Array(h), Array(hg) + Array(hh)).map {
    abs($0 - $1) / max(1, abs($1))
  }.max()!

  func calls(_ body: @escaping () -> Double) -> (Int) -> Double {
    { k in
      var s = 0.0
      for _ in 0..<k { s += body() }
      return s
    }
  }
  let compiledValue = calls { f.value(at: xr) }
  let compiledGradient = calls { f.gradient(at: xr, into: g) }
  let compiledHVP = calls { f.hessianVectorProduct(at: xr, UnsafeBufferPointer(v), into: hv) }
  let compiledHessian = calls {
    f.hessian(at: xr, into: h)
    return h[1]
  }
  let handValue = calls { HandWrittenGoldsteinPrice.value(x[0], x[1]) }
  let handGradient = calls { HandWrittenGoldsteinPrice.gradient(x[0], x[1], hg.baseAddress!) }
  let handHessian = calls {
    HandWrittenGoldsteinPrice.hessian(x[0], x[1], hg.baseAddress!, hh.baseAddress!)
  }

  // The define-by-run path: the graph is built and run backward on every call.
  let defineByRun: (Int) -> Double = { k in
    var s = 0.0
    for _ in 0..<k {
      let leaves = [Variable(x[0], requiresGrad: true), Variable(x[1], requiresGrad: true)]
      let y = goldsteinPrice(leaves)
      try? y.backward()
      s += y.scalar + (leaves[0].grad?.scalar ?? .nan)
    }
    return s
  }
  let tv = timePerCall(plan, compiledValue)
  let tg = timePerCall(plan, compiledGradient)
  let thv = timePerCall(plan, compiledHVP)
  let th = timePerCall(plan, compiledHessian)
  let hv0 = timePerCall(plan, handValue)
  let hg0 = timePerCall(plan, handGradient)
  let hh0 = timePerCall(plan, handHessian)

  var table = Table(
    "Goldstein–Price at (-0.5, 0.25), Double (hand-written vs fast path: max rel. difference "
      + "\(disagreement))",
    headers: ["evaluation", "fast path", "hand-written", "ratio", "allocs/call"])
  table.add([
    "value", duration(tv), duration(hv0), ratio(tv, hv0),
    fixed(allocationsPerCall(calls: 1000, compiledValue), 2),
  ])
  table.add([
    "value+gradient", duration(tg), duration(hg0), ratio(tg, hg0),
    fixed(allocationsPerCall(calls: 1000, compiledGradient), 2),
  ])
  table.add([
    "Hessian-vector product", duration(thv), "-", "-",
    fixed(allocationsPerCall(calls: 1000, compiledHVP), 2),
  ])
  table.add([
    "Hessian (hand: +value+gradient)", duration(th), duration(hh0), ratio(th, hh0),
    fixed(allocationsPerCall(calls: 1000, compiledHessian), 2),
  ])
  table.add([
    "gradient / own value", "", "", ratio(tg, tv), "",
  ])
  let td = timePerCall(plan, defineByRun)
  table.add([
    "define-by-run value+gradient", duration(td), duration(hg0), ratio(td, hg0),
    fixed(allocationsPerCall(calls: 100, defineByRun), 1),
  ])
  // The same, with the graph built from problems/goldstein.toml at every call.
  let problem = try ProblemCatalog.load("goldstein")
  let fromFile: (Int) -> Double = { k in
    var s = 0.0
    for _ in 0..<k {
      let leaves = [Variable(x[0], requiresGrad: true), Variable(x[1], requiresGrad: true)]
      let y = problem.objective(on: leaves)
      try? y.backward()
      s += y.scalar + (leaves[0].grad?.scalar ?? .nan)
    }
    return s
  }
  let tf = timePerCall(plan, fromFile)
  table.add([
    "define-by-run, from goldstein.toml", duration(tf), duration(hg0), ratio(tf, hg0),
    fixed(allocationsPerCall(calls: 100, fromFile), 1),
  ])
  // What benchmarks/peers.py times in PyTorch: the expression on one vector leaf indexed twice.
  let onVectorLeaf = defineByRunExpressionGradient(at: point)
  let te = timePerCall(plan, onVectorLeaf)
  table.add([
    "define-by-run, vector leaf indexed", duration(te), duration(hg0), ratio(te, hg0),
    fixed(allocationsPerCall(calls: 100, onVectorLeaf), 1),
  ])
  return table.render()
}

/// Goldstein–Price written in Swift, as benchmarks/peers.py writes it in Python.
func goldsteinPriceExpression(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
  let a =
    1 + pow(x + y + 1, 2) * (19 - 14 * x + 3 * pow(x, 2) - 14 * y + 6 * x * y + 3 * pow(y, 2))
  let b =
    30 + pow(2 * x - 3 * y, 2)
    * (18 - 32 * x + 12 * pow(x, 2) + 48 * y - 36 * x * y + 27 * pow(y, 2))
  return a * b
}

/// `k` define-by-run value+gradient calls of Goldstein–Price at `point` the way PyTorch eager
/// runs them in benchmarks/peers.py: a new vector leaf, indexed twice, then `backward()`.
func defineByRunExpressionGradient(at point: [Double]) -> (Int) -> Double {
  { k in
    var s = 0.0
    for _ in 0..<k {
      let x = Variable(point, requiresGrad: true)
      let y = goldsteinPriceExpression(x[0], x[1])
      try? y.backward()
      s += y.scalar + (x.grad?.value[0] ?? .nan)
    }
    return s
  }
}
