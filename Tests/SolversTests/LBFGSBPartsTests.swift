import Autodiff
import OptimizationCore
import Testing

@testable import Solvers

/// L-BFGS-B's parts against independent computations: the compact matrix against the BFGS
/// update applied pair by pair, the Cauchy point against a dense scan of the model along the
/// projected path, and the subspace step against the model's stationarity on the free variables.
@Suite struct LBFGSBPartsTests {
  /// A deterministic stream in [−1, 1).
  struct Stream {
    var state: UInt64
    mutating func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) * 0x1p-53 * 2 - 1
    }
  }

  /// Pairs from a convex quadratic with SPD matrix A (so sᵀy = sᵀAs > 0): y = A·s.
  static func pairs(n: Int, count: Int, seed: UInt64) -> (
    memory: CompactLBFGS<Double>, s: [[Double]], y: [[Double]]
  ) {
    var r = Stream(state: seed)
    var a = [Double](repeating: 0, count: n * n)
    let c = (0..<(n * n)).map { _ in r.next() }
    for i in 0..<n {
      for j in 0..<n { for k in 0..<n { a[i * n + j] += c[k * n + i] * c[k * n + j] } }
    }
    for i in 0..<n { a[i * n + i] += 0.5 }
    var memory = CompactLBFGS<Double>(capacity: count)
    var ss: [[Double]] = []
    var ys: [[Double]] = []
    for _ in 0..<count {
      let s = (0..<n).map { _ in r.next() }
      let y = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * s[$1] } }
      let added = memory.add(s: s, y: y)
      #expect(added)
      ss.append(s)
      ys.append(y)
    }
    return (memory, ss, ys)
  }

  /// B from θI by the BFGS update B ← B − (Bs)(Bs)ᵀ/(sᵀBs) + yyᵀ/(yᵀs), pair by pair, dense.
  static func recursiveBFGS(s: [[Double]], y: [[Double]], theta: Double, n: Int) -> [Double] {
    var b = [Double](repeating: 0, count: n * n)
    for i in 0..<n { b[i * n + i] = theta }
    for (sk, yk) in zip(s, y) {
      let bs = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + b[i * n + $1] * sk[$1] } }
      let sbs = zip(sk, bs).reduce(0.0) { $0 + $1.0 * $1.1 }
      let ys = zip(yk, sk).reduce(0.0) { $0 + $1.0 * $1.1 }
      for i in 0..<n {
        for j in 0..<n { b[i * n + j] += -bs[i] * bs[j] / sbs + yk[i] * yk[j] / ys }
      }
    }
    return b
  }

  @Test func compactFormIsTheBFGSMatrix() {
    let n = 6
    let (memory, s, y) = Self.pairs(n: n, count: 4, seed: 11)
    let dense = Self.recursiveBFGS(s: s, y: y, theta: memory.theta, n: n)
    var r = Stream(state: 5)
    for _ in 0..<3 {
      let v = (0..<n).map { _ in r.next() }
      let compact = memory.times(v)
      let reference = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + dense[i * n + $1] * v[$1] } }
      let scale = reference.map(abs).max() ?? 1
      for i in 0..<n {
        #expect(abs(compact[i] - reference[i]) <= 1e-10 * scale, "\(compact) vs \(reference)")
      }
    }
  }

  /// m(z) = gᵀ(z − x) + ½(z − x)ᵀB(z − x).
  static func model(_ z: [Double], x: [Double], g: [Double], memory: CompactLBFGS<Double>) -> Double
  {
    let d = zip(z, x).map { $0 - $1 }
    let bd = memory.isEmpty ? d : memory.times(d)
    return zip(g, d).reduce(0.0) { $0 + $1.0 * $1.1 } + 0.5
      * zip(d, bd).reduce(0.0) { $0 + $1.0 * $1.1 }
  }

  @Test(arguments: [0, 1, 3, 5])
  func cauchyPointIsTheFirstMinimizerAlongTheProjectedPath(pairsKept: Int) throws {
    let n = 6
    var r = Stream(state: 99 + UInt64(pairsKept))
    let memory =
      pairsKept == 0
      ? CompactLBFGS<Double>(capacity: 5) : Self.pairs(n: n, count: pairsKept, seed: 7).memory
    let box = try Bounds<Double>(
      lower: (0..<n).map { _ in -0.3 + 0.1 * r.next() },
      upper: (0..<n).map { _ in 0.3 + 0.1 * r.next() })
    let x = (0..<n).map { _ in 0.2 * r.next() }
    let g = (0..<n).map { _ in 3 * r.next() }
    let cauchy = CauchyPoint(x: x, gradient: g, bounds: box, memory: memory)
    #expect(box.contains(cauchy.x))
    // The path and the model on it, scanned densely: the first local minimizer of the scan.
    func path(_ t: Double) -> [Double] { box.project(zip(x, g).map { $0 - t * $1 }) }
    // A coarse scan for the first local minimizer, then a fine one around it: the minimizer is
    // often a breakpoint, where m has a kink and a scan's error is first order in its step.
    func firstMinimum(from t0: Double, to t1: Double, steps: Int) -> (t: Double, m: Double) {
      var previous = Self.model(path(t0), x: x, g: g, memory: memory)
      var best = (t: t0, m: previous)
      for k in 1...steps {
        let t = t0 + (t1 - t0) * Double(k) / Double(steps)
        let m = Self.model(path(t), x: x, g: g, memory: memory)
        if m > previous { break }
        best = (t, m)
        previous = m
      }
      return best
    }
    let coarse = firstMinimum(from: 0, to: 10, steps: 100_000)
    let best = firstMinimum(
      from: max(0, coarse.t - 2e-4), to: coarse.t + 1e-4, steps: 30_000)
    let mc = Self.model(cauchy.x, x: x, g: g, memory: memory)
    // The Cauchy point is the exact first minimizer: no scanned point is lower, and the fine scan
    // (steps of 1e-8 in t, slopes below 100) comes within its resolution of it.
    #expect(mc <= best.m + 1e-12, "m(x^c) = \(mc), scan \(best.m) at t = \(best.t)")
    #expect(best.m - mc <= 1e-6, "m(x^c) = \(mc), scan \(best.m) at t = \(best.t)")
    let onPath = path(best.t)
    #expect(zip(onPath, cauchy.x).allSatisfy { abs($0 - $1) <= 1e-3 }, "\(cauchy.x) vs \(onPath)")
    // c = Wᵀ(x^c − x), which the subspace step relies on.
    if !memory.isEmpty {
      let c = memory.transposeTimes(zip(cauchy.x, x).map { $0 - $1 })
      for j in c.indices { #expect(abs(c[j] - cauchy.c[j]) <= 1e-10 * max(1, abs(c[j]))) }
    }
  }

  @Test func subspaceStepMakesTheModelStationaryOnTheFreeVariables() throws {
    let n = 6
    let memory = Self.pairs(n: n, count: 4, seed: 3).memory
    // A wide box: only a few variables reach a bound at the Cauchy point, and the subspace
    // minimizer lies inside, so the full step (α* = 1) is taken.
    let box = try Bounds<Double>(
      lower: [-0.05, -10, -10, -10, -10, -10], upper: [10, 10, 10, 0.01, 10, 10])
    let x = [0.0, 0.1, -0.1, 0.0, 0.05, 0.0]
    let g = [2.0, 0.3, -0.2, -1.5, 0.1, 0.4]
    let cauchy = CauchyPoint(x: x, gradient: g, bounds: box, memory: memory)
    let xbar = SubspaceStep.point(x: x, gradient: g, cauchy: cauchy, bounds: box, memory: memory)
    #expect(box.contains(xbar))
    let free = cauchy.x.indices.filter {
      box.lower[$0] < cauchy.x[$0] && cauchy.x[$0] < box.upper[$0]
    }
    #expect(free.count < n && !free.isEmpty, "free: \(free)")
    // ∇m(x̄) = g + B(x̄ − x) vanishes on the free variables when x̄ is strictly inside.
    let inside = free.allSatisfy { box.lower[$0] < xbar[$0] && xbar[$0] < box.upper[$0] }
    #expect(inside, "x̄ = \(xbar)")
    let grad = zip(g, memory.times(zip(xbar, x).map { $0 - $1 })).map { $0 + $1 }
    for i in free { #expect(abs(grad[i]) <= 1e-10, "∂m/∂x[\(i)] = \(grad[i])") }
    // The fixed variables stay where the Cauchy point put them.
    for i in x.indices where !free.contains(i) { #expect(xbar[i] == cauchy.x[i]) }
  }
}
