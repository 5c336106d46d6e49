import Testing

@testable import Autodiff

/// SplitMix64: a small seeded generator, so every run checks the same trees.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random expressions over a vector `x` of length 4 and a scalar `s`, built from every
/// primitive. Arguments of functions with a restricted domain are mapped into it first
/// (log(u² + 1), tan(tanh u), …) so that finite differences are meaningful everywhere.
struct TreeMaker {
  var rng: SplitMix64
  let x: Variable<Double>
  let s: Variable<Double>

  mutating func pick(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }

  mutating func scalar(_ depth: Int) -> Variable<Double> {
    if depth == 0 { return pick(2) == 0 ? s : x[pick(4)] }
    switch pick(6) {
    case 0: return sum(vector(depth - 1))
    case 1: return prod(tanh(vector(depth - 1)) + 1.5)
    case 2: return vector(depth - 1)[pick(4)]
    case 3: return unary(scalar(depth - 1))
    default: return binary(scalar(depth - 1), scalar(depth - 1))
    }
  }

  mutating func vector(_ depth: Int) -> Variable<Double> {
    if depth == 0 { return x }
    let d = depth - 1
    switch pick(11) {
    case 0: return unary(vector(d))
    case 1: return binary(vector(d), vector(d))
    case 2: return binary(vector(d), scalar(d))
    case 3: return binary(scalar(d), vector(d))
    case 4: return concat([vector(d).slice(0, 2), scalar(d), vector(d)[3]])
    case 5: return `repeat`(vector(d).slice(1, 3), 2)
    case 6: return apply(.pad(lower: 1, count: 4), vector(d).slice(0, 2))
    case 7: return apply(.scatter(index: pick(4), count: 4), scalar(d)) + vector(d)
    case 8: return apply(.broadcast(count: 4), scalar(d)) * vector(d)
    case 9: return apply(.foldTiles(times: 2), concat([vector(d), vector(d)]))
    default: return vector(d).slice(-3, nil).slice(0, 3).slice(nil, nil)[0] * x
    }
  }

  func apply(_ op: Op, _ v: Variable<Double>) -> Variable<Double> {
    try! Variable.applying(op, to: [v])
  }

  mutating func unary(_ u: Variable<Double>) -> Variable<Double> {
    switch pick(10) {
    case 0: return -u
    case 1: return exp(tanh(u))
    case 2: return log(u * u + 1)
    case 3: return sqrt(u * u + 0.5)
    case 4: return abs(u)
    case 5: return sin(u)
    case 6: return cos(u)
    case 7: return tan(tanh(u))
    case 8: return tanh(u)
    default: return atan(u)
    }
  }

  mutating func binary(_ a: Variable<Double>, _ b: Variable<Double>) -> Variable<Double> {
    switch pick(11) {
    case 0: return a + b
    case 1: return a - b
    case 2: return a * b
    case 3: return a / (b * b + 1)
    case 4: return pow(a * a + 0.5, tanh(b))
    case 5: return pow(tanh(a), 3.0) + pow(b, 2.0)
    case 6: return pow(a * a + 0.25, 1.5) - b
    case 7: return atan2(a, b * b + 1)
    case 8: return min(a, b)
    case 9: return max(a, b)
    default: return pow(2.0, tanh(a)) * b
    }
  }
}

/// Central finite differences of `f` at `x`, step `h` per coordinate.
func centralDifference(_ f: ([Double]) -> [Double], at x: [Double], step h: Double) -> [[Double]] {
  (0..<x.count).map { k in
    var plus = x
    var minus = x
    plus[k] += h
    minus[k] -= h
    return zip(f(plus), f(minus)).map { ($0 - $1) / (2 * h) }
  }
}

/// The rounding error of a central difference of values of size `scale` with step `h`, on top
/// of which the truncation tolerance applies.
func roundingError(scale: Double, step h: Double) -> Double {
  4 * Double.ulpOfOne * scale / h
}

/// The define-by-run forward evaluation at a point: the reference value.
func recordedValue(_ body: ([Variable<Double>]) -> Variable<Double>, _ point: [Double])
  -> Double
{
  body([Variable(Array(point[0..<4])), Variable(point[4])]).scalar
}

@Test(arguments: 0..<60)
func randomTreeAgreesWithFiniteDifferences(seed: Int) throws {
  var points = SplitMix64(state: UInt64(1000 + seed))
  let body: ([Variable<Double>]) -> Variable<Double> = { v in
    var maker = TreeMaker(rng: SplitMix64(state: UInt64(seed)), x: v[0], s: v[1])
    return maker.scalar(4)
  }
  let f = try CompiledFunction<Double>(inputs: [.vector(4), .scalar], body)
  #expect(f.dimension == 5)
  for _ in 0..<3 {
    let x = (0..<5).map { _ in Double.random(in: -1.5...1.5, using: &points) }
    // Exact agreement with the graph evaluated at the new point: branches re-decided.
    let reference = recordedValue(body, x)
    #expect(f.value(x) == reference || abs(f.value(x) - reference) <= 1e-14 * abs(reference))
    var g: [Double] = []
    let value = f.gradient(x, into: &g)
    let fd = centralDifference({ [f.value($0)] }, at: x, step: 1e-6).map { $0[0] }
    let slack = roundingError(scale: abs(value), step: 1e-6)
    for k in 0..<5 {
      #expect(
        abs(g[k] - fd[k]) <= 1e-6 * max(1, abs(fd[k])) + slack,
        "seed \(seed) ∂f/∂x\(k) at \(x): \(g[k]) vs \(fd[k])")
    }
    var h: [Double] = []
    f.hessian(x, into: &h)
    let fdH = centralDifference(
      { p in
        var gp: [Double] = []
        _ = f.gradient(p, into: &gp)
        return gp
      }, at: x, step: 1e-5)
    let gradientSlack = roundingError(scale: g.map(abs).max()!, step: 1e-5)
    for i in 0..<5 {
      for j in 0..<5 {
        #expect(
          abs(h[i * 5 + j] - fdH[j][i]) <= 1e-5 * max(1, abs(fdH[j][i])) + gradientSlack,
          "seed \(seed) H[\(i),\(j)] at \(x): \(h[i * 5 + j]) vs \(fdH[j][i])")
      }
    }
  }
}

/// Every primitive at least once in one function, so coverage does not rest on the random
/// draw.
@Test func everyPrimitiveAgreesWithFiniteDifferences() throws {
  let body: ([Variable<Double>]) -> Variable<Double> = { v in
    let x = v[0]
    let s = v[1]
    let t = concat([x.slice(1, 3), s, x[0]])
    let u = try! Variable.applying(.foldTiles(times: 2), to: [`repeat`(t, 2) * concat([x, x * s])])
    let w =
      try! Variable.applying(.pad(lower: 1, count: 4), to: [x.slice(0, 2)])
      + (try! Variable.applying(.scatter(index: 2, count: 4), to: [s]))
      - (try! Variable.applying(.broadcast(count: 4), to: [x[3]]))
    let e = exp(tanh(u)) + log(w * w + 1) + sqrt(x * x + 0.5) + abs(w) + sin(u) * cos(w)
    let r = tan(tanh(e)) + atan(u) / (w * w + 1) + atan2(u, w * w + 1)
    let m = min(u, w) - max(x, w) + pow(x * x + 0.5, tanh(w)) + pow(w, 3.0) + -pow(u, 2.0)
    return sum(r * m) + prod(tanh(m) + 1.5)
  }
  let f = try CompiledFunction<Double>(inputs: [.vector(4), .scalar], body)
  for x in [[0.3, -0.7, 1.1, 0.4, -0.2], [-1.2, 0.5, 0.25, -0.9, 0.8]] {
    #expect(abs(f.value(x) - recordedValue(body, x)) <= 1e-14 * abs(f.value(x)))
    var g: [Double] = []
    _ = f.gradient(x, into: &g)
    let fd = centralDifference({ [f.value($0)] }, at: x, step: 1e-6).map { $0[0] }
    for k in 0..<5 { #expect(abs(g[k] - fd[k]) <= 1e-6 * max(1, abs(fd[k])), "∂f/∂x\(k)") }
    var h: [Double] = []
    f.hessian(x, into: &h)
    let fdH = centralDifference(
      { p in
        var gp: [Double] = []
        _ = f.gradient(p, into: &gp)
        return gp
      }, at: x, step: 1e-5)
    for i in 0..<5 {
      for j in 0..<5 {
        #expect(abs(h[i * 5 + j] - fdH[j][i]) <= 1e-5 * max(1, abs(fdH[j][i])), "H[\(i),\(j)]")
      }
    }
  }
}

/// min, max and abs decide their branch at each point, not at the recording point.
@Test func branchesAreDecidedAtTheEvaluationPoint() throws {
  let f = try CompiledFunction<Double>(dimension: 2) { x in
    min(x[0], x[1]) + 2 * max(x[0], x[1]) + 3 * abs(x[0])
  }
  var g: [Double] = []
  // f = x₁ + 2x₀ + 3x₀ when 0 < x₁ < x₀.
  #expect(f.gradient([2, 1], into: &g) == 2 * 2 + 1 + 3 * 2)
  #expect(g == [5, 1])
  // f = x₀ + 2x₁ − 3x₀ when x₀ < 0 < x₁.
  #expect(f.gradient([-1, 3], into: &g) == -1 + 6 + 3)
  #expect(g == [-2, 2])
}

/// The all-scalar interpreter (two scalar inputs) against the general one (one vector input)
/// on every element-wise primitive, and against finite differences.
@Test func scalarTapeAgreesWithGeneralPath() throws {
  func body(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
    let e = exp(tanh(x)) + log(y * y + 1) + sqrt(x * x + 0.5) + abs(y) + sin(x) * cos(y)
    let r = tan(tanh(e)) + atan(x) / (y * y + 1) + atan2(x, y * y + 1) - e / 3
    let m = min(x, y) - max(x, -y) + pow(x * x + 0.5, tanh(y)) + pow(y, 3.0) + -pow(x, 2.0)
    return sum(r * m) + prod(tanh(m) + 1.5)
  }
  let scalar = try CompiledFunction<Double>(inputs: [.scalar, .scalar]) { v in body(v[0], v[1]) }
  // The vector term (exactly zero) keeps this one off the all-scalar interpreter.
  let general = try CompiledFunction<Double>(dimension: 2) { x in
    body(x[0], x[1]) + sum(x * 0.0)
  }
  #expect(scalar.scalarTape != nil)
  #expect(general.scalarTape == nil)
  for x in [[0.3, -0.7], [-1.2, 0.5], [1.4, 1.1]] {
    var gs: [Double] = []
    var gg: [Double] = []
    var hs: [Double] = []
    var hg: [Double] = []
    #expect(scalar.gradient(x, into: &gs) == general.gradient(x, into: &gg))
    #expect(scalar.value(x) == general.value(x))
    scalar.hessian(x, into: &hs)
    general.hessian(x, into: &hg)
    for k in 0..<2 { #expect(abs(gs[k] - gg[k]) <= 1e-13 * max(1, abs(gg[k]))) }
    for k in 0..<4 { #expect(abs(hs[k] - hg[k]) <= 1e-12 * max(1, abs(hg[k]))) }
    let fd = centralDifference({ [scalar.value($0)] }, at: x, step: 1e-6).map { $0[0] }
    for k in 0..<2 { #expect(abs(gs[k] - fd[k]) <= 1e-6 * max(1, abs(fd[k]))) }
  }
}
