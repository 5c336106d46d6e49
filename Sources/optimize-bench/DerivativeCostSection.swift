import Autodiff
import Problems

/// What a section measured: its printed table and its CSV rows.
struct SectionResult {
  var table: String
  var rows: [BenchRow]
}

/// Section 1: value, gradient and Hessian per call of goldstein, rosenbrock and beale loaded
/// from their problem files, on the fast path and define-by-run, each against the same function
/// written by hand; heap allocations per call.
func derivativeCostSection(_ plan: TimingPlan) throws -> SectionResult {
  let functions: [(String, HandWrittenFunction)] = [
    ("goldstein", .goldstein), ("rosenbrock", .rosenbrock), ("beale", .beale),
  ]
  var table = Table(
    "Derivative cost per call at the standard start, Double (ratio: to hand-written)",
    headers: [
      "workload", "hand-written", "fast path", "ratio", "allocs/call", "define-by-run", "ratio",
      "allocs/call",
    ])
  var rows: [BenchRow] = []
  for (name, hand) in functions {
    let problem = try ProblemCatalog.load(name)
    for (operation, measured) in try measureDerivatives(problem, hand, plan) {
      let workload = "\(name):\(operation)"
      let handRow = BenchRow(workload: workload, variant: "hand-written", n: 2, time: measured.hand)
      let fastRow = BenchRow(
        workload: workload, variant: "fast-path", n: 2, time: measured.fast,
        reference: "hand-written", ratio: measured.fast.seconds / measured.hand.seconds,
        allocationsPerCall: measured.fastAllocations)
      let runRow = BenchRow(
        workload: workload, variant: "define-by-run", n: 2, time: measured.defineByRun,
        reference: "hand-written", ratio: measured.defineByRun.seconds / measured.hand.seconds,
        allocationsPerCall: measured.defineByRunAllocations)
      rows += [handRow, fastRow, runRow]
      table.add([
        workload, duration(measured.hand.nanoseconds), duration(measured.fast.nanoseconds),
        ratio(measured.fast.seconds, measured.hand.seconds), fixed(measured.fastAllocations, 2),
        duration(measured.defineByRun.nanoseconds),
        ratio(measured.defineByRun.seconds, measured.hand.seconds),
        fixed(measured.defineByRunAllocations, 1),
      ])
      if workload == "goldstein:gradient" {
        // benchmarks/peers.py's PyTorch expression, written in Swift on one vector leaf.
        let expression = defineByRunExpressionGradient(at: problem.start)
        let time = measure(plan, expression)
        rows.append(
          BenchRow(
            workload: workload, variant: "define-by-run-expression", n: 2, time: time,
            reference: "hand-written", ratio: time.seconds / measured.hand.seconds,
            allocationsPerCall: allocationsPerCall(calls: 100, expression)))
        table.add([
          "\(workload), Swift expression on a vector leaf", duration(measured.hand.nanoseconds),
          "-", "-", "-", duration(time.nanoseconds), ratio(time.seconds, measured.hand.seconds),
          fixed(rows.last?.allocationsPerCall ?? .nan, 1),
        ])
      }
    }
  }
  return SectionResult(table: table.render(), rows: rows)
}

/// One operation measured three ways.
struct DerivativeTimes {
  var hand: Measurement
  var fast: Measurement
  var fastAllocations: Double
  var defineByRun: Measurement
  var defineByRunAllocations: Double
}

/// Value, gradient and Hessian of a two-variable problem, after checking that the hand-written
/// derivatives agree with the fast path's at the start and at a second point.
private func measureDerivatives(_ problem: Problem, _ hand: HandWrittenFunction, _ plan: TimingPlan)
  throws -> [(String, DerivativeTimes)]
{
  let f = problem.compiled(Double.self)
  let start = problem.start
  guard start.count == 2 else {
    throw BaselineDisagreement(description: "\(problem.name) is not a two-variable problem")
  }
  let x = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
  let g = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
  let h = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4)
  let hg = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
  let hh = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4)
  defer { [x, g, h, hg, hh].forEach { $0.deallocate() } }
  let xr = UnsafeBufferPointer(x)

  for point in [[0.3, -0.7], start] {
    _ = x.initialize(from: point)
    let fastValue = f.gradient(at: xr, into: g)
    f.hessian(at: xr, into: h)
    let handValue = hand.hessian(x[0], x[1], hg.baseAddress!, hh.baseAddress!)
    let difference = largestDifference(
      [fastValue] + Array(g) + Array(h), [handValue] + Array(hg) + Array(hh))
    guard difference <= agreementTolerance else {
      throw BaselineDisagreement(
        description: "\(problem.name): hand-written and fast-path derivatives differ by "
          + "\(difference) (relative) at \(point); not timing them")
    }
  }

  func calls(_ body: @escaping () -> Double) -> (Int) -> Double {
    { k in
      var s = 0.0
      for _ in 0..<k { s += body() }
      return s
    }
  }
  let flat = flatObjective(problem)
  let fastValue = calls { f.value(at: xr) }
  let fastGradient = calls { f.gradient(at: xr, into: g) }
  let fastHessian = calls {
    f.hessian(at: xr, into: h)
    return h[1]
  }
  let handValue = calls { hand.value(x[0], x[1]) }
  let handGradient = calls { hand.gradient(x[0], x[1], hg.baseAddress!) }
  let handHessian = calls { hand.hessian(x[0], x[1], hg.baseAddress!, hh.baseAddress!) }
  let runValue = calls {
    problem.objective(on: leaves(problem, at: start, requiresGrad: false)).scalar
  }
  let runGradient = calls {
    let inputs = leaves(problem, at: start, requiresGrad: true)
    let y = problem.objective(on: inputs)
    try? y.backward()
    return y.scalar + (inputs[0].grad?.value[0] ?? .nan)
  }
  let runHessian = calls { hessian(of: flat, at: start)[0][1] }

  func three(_ hand: (Int) -> Double, _ fast: (Int) -> Double, _ run: (Int) -> Double)
    -> DerivativeTimes
  {
    DerivativeTimes(
      hand: measure(plan, hand), fast: measure(plan, fast),
      fastAllocations: allocationsPerCall(calls: 1000, fast),
      defineByRun: measure(plan, run), defineByRunAllocations: allocationsPerCall(calls: 100, run))
  }
  return [
    ("value", three(handValue, fastValue, runValue)),
    ("gradient", three(handGradient, fastGradient, runGradient)),
    ("hessian", three(handHessian, fastHessian, runHessian)),
  ]
}
