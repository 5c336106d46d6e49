import Testing

@testable import Autodiff

/// The combined tape's linear combinations: chains of sums, differences and products with a
/// constant collapsed into one instruction. Values are compared in bits with the same
/// expression evaluated by Swift in the recorded order; derivatives with closed forms derived
/// by hand.
struct LinearCombinationCase: Sendable, CustomStringConvertible {
  let description: String
  /// Terms of each linear combination the combined tape must hold, in tape order.
  let termCounts: [Int]
  /// The recorded body.
  let body: @Sendable (Variable<Double>, Variable<Double>) -> Variable<Double>
  /// The same expression in plain Swift, operation for operation.
  let direct: @Sendable (Double, Double) -> Double
  /// ∇f at (x, y), derived by hand.
  let gradient: @Sendable (Double, Double) -> [Double]
  /// The Hessian, row-major (constant: every case is quadratic at most).
  let hessian: [Double]

  static let all: [LinearCombinationCase] = [
    LinearCombinationCase(
      description: "19 − 14x + 3x² − 14y + 6xy + 3y²", termCounts: [6],
      body: { x, y in 19 - 14 * x + 3 * pow(x, 2) - 14 * y + 6 * x * y + 3 * pow(y, 2) },
      direct: { x, y in 19 - 14 * x + 3 * (x * x) - 14 * y + 6 * x * y + 3 * (y * y) },
      gradient: { x, y in [-14 + 6 * x + 6 * y, -14 + 6 * x + 6 * y] }, hessian: [6, 6, 6, 6]),
    LinearCombinationCase(
      description: "(2x − 3y)·x", termCounts: [2],
      body: { x, y in (2 * x - 3 * y) * x }, direct: { x, y in (2 * x - 3 * y) * x },
      gradient: { x, y in [4 * x - 3 * y, -3 * x] }, hessian: [4, -3, -3, 0]),
    // The chain is the second operand of the last sum, which commutes exactly.
    LinearCombinationCase(
      description: "y·x + (x − 2y + 5)", termCounts: [4],
      body: { x, y in y * x + (x - 2 * y + 5) }, direct: { x, y in y * x + (x - 2 * y + 5) },
      gradient: { x, y in [y + 1, x - 2] }, hessian: [0, 1, 1, 0]),
    LinearCombinationCase(
      description: "−(x·y) + 1 − 0.5x", termCounts: [3],
      body: { x, y in -(x * y) + 1 - 0.5 * x }, direct: { x, y in -(x * y) + 1 - 0.5 * x },
      gradient: { x, y in [-y - 0.5, -x] }, hessian: [0, -1, -1, 0]),
    // A difference does not commute: the chain it subtracts stays an instruction of its own.
    LinearCombinationCase(
      description: "x·y − (x + 2y − 1)", termCounts: [3],
      body: { x, y in x * y - (x + 2 * y - 1) }, direct: { x, y in x * y - (x + 2 * y - 1) },
      gradient: { x, y in [y - 1, x - 2] }, hessian: [0, 1, 1, 0]),
  ]

  static let points: [[Double]] = [[0.3, -1.7], [-0.5, 0.25], [1e8, 3e-9], [-0.0, 0.0]]

  /// With `plusZ` the function is body(x, y) + z at z = 0, whose gradient takes the reverse
  /// sweep (three inputs) and whose last sum may extend the chain.
  func check(plusZ: Bool) throws {
    let n = plusZ ? 3 : 2
    let f = try CompiledFunction<Double>(inputs: Array(repeating: .scalar, count: n)) { v in
      plusZ ? body(v[0], v[1]) + v[2] : body(v[0], v[1])
    }
    let counts = f.scalarWork.combined.filter { $0.op == .linearCombination }.map { Int($0.b) }
    #expect(plusZ || counts == termCounts, "\(description): terms \(counts)")
    for point in Self.points {
      let x = plusZ ? point + [0.0] : point
      let expected = plusZ ? direct(x[0], x[1]) + 0.0 : direct(x[0], x[1])
      let value = f.value(x)
      #expect(
        value.bitPattern == expected.bitPattern,
        "\(description) at \(x): \(value) vs \(expected)")
      var g: [Double] = []
      let fromGradient = f.gradient(x, into: &g)
      #expect(fromGradient.bitPattern == value.bitPattern, "\(description): value from gradient")
      let dg = gradient(x[0], x[1]) + (plusZ ? [1] : [])
      for k in 0..<n {
        #expect(
          abs(g[k] - dg[k]) <= 1e-13 * max(1, abs(dg[k])),
          "\(description) (n = \(n)) at \(x), ∂f/∂x\(k): \(g[k]) vs \(dg[k])")
      }
      // The Hessian sweeps run the linear combinations too.
      let expectedH =
        plusZ ? [hessian[0], hessian[1], 0, hessian[2], hessian[3], 0, 0, 0, 0] : hessian
      var h: [Double] = []
      f.hessian(x, into: &h)
      #expect(h == expectedH, "\(description) (n = \(n)) at \(x): H = \(h)")
      let direction = (0..<n).map { Double($0) - 0.5 }
      f.hessianVectorProduct(x, direction, into: &h)
      let expectedHv = (0..<n).map { r in
        (0..<n).reduce(0.0) { $0 + expectedH[r * n + $1] * direction[$1] }
      }
      #expect(h == expectedHv, "\(description) (n = \(n)) at \(x): H·v = \(h)")
      // The other sweeps lay out tangents differently; a gradient after them is unchanged.
      var again: [Double] = []
      _ = f.gradient(x, into: &again)
      #expect(again.map(\.bitPattern) == g.map(\.bitPattern), "\(description): gradient after H·v")
    }
  }
}

@Test(arguments: LinearCombinationCase.all)
func linearCombinationKeepsValueBitsAndGradient(_ c: LinearCombinationCase) throws {
  try c.check(plusZ: false)
  try c.check(plusZ: true)
}

/// Goldstein–Price's combined tape: both polynomials and 2x − 3y are one instruction each, and
/// the value is in bits that of the recorded expression.
@Test func goldsteinPriceForwardTapeHasThreeLinearCombinations() throws {
  let f = try CompiledFunction<Double>(inputs: [.scalar, .scalar], goldsteinPrice)
  let combined = f.scalarWork.combined
  #expect(combined.filter { $0.op == .linearCombination }.map(\.b) == [6, 2, 6])
  #expect(combined.count == 11)
  for point in [[-0.5, 0.25], [0, -1], [1.2, 0.8], [-1.9, 1.3]] {
    let (x, y) = (point[0], point[1])
    let a = x + y + 1
    let b = 19 - 14 * x + 3 * (x * x) - 14 * y + 6 * x * y + 3 * (y * y)
    let c = 2 * x - 3 * y
    let d = 18 - 32 * x + 12 * (x * x) + 48 * y - 36 * x * y + 27 * (y * y)
    let expected = (1 + a * a * b) * (30 + c * c * d)
    #expect(f.value(point).bitPattern == expected.bitPattern, "at \(point)")
  }
  let single = try CompiledFunction<Float>(inputs: [.scalar, .scalar], goldsteinPrice)
  let (x, y): (Float, Float) = (-0.5, 0.25)
  let a = x + y + 1
  let b = 19 - 14 * x + 3 * (x * x) - 14 * y + 6 * x * y + 3 * (y * y)
  let c = 2 * x - 3 * y
  let d = 18 - 32 * x + 12 * (x * x) + 48 * y - 36 * x * y + 27 * (y * y)
  let expected = (1 + a * a * b) * (30 + c * c * d)
  #expect(single.value([x, y]).bitPattern == expected.bitPattern)
}

/// An infinite constant is never a factor (its product with a structural zero tangent would
/// be NaN): x·∞ + y keeps its own instructions, and ∂/∂y stays 1.
@Test func infiniteConstantIsNoLinearFactor() throws {
  let f = try CompiledFunction<Double>(inputs: [.scalar, .scalar]) { v in
    v[0] * Double.infinity + v[1] - 2
  }
  #expect(!f.scalarWork.combined.contains { $0.op == .linearCombination })
  var g: [Double] = []
  #expect(f.gradient([0.5, 2], into: &g) == .infinity)
  #expect(g == [.infinity, 1])
}

/// A random straight-line program of two inputs, mostly linear steps (so that chains of every
/// shape form) with some products, replayed both as a recording and in plain arithmetic.
struct RandomLinearProgram {
  /// (operation, first operand, second operand, constant) per step.
  var steps: [(op: Int, i: Int, j: Int, c: Double)] = []

  init(seed: Int) {
    var rng = SplitMix64(state: UInt64(seed) &* 0x9E37_79B9)
    let constants: [Double] = [2, -3, 0.5, 7, 0.25, -1.5]
    for count in 2..<16 {
      // Mostly the latest values, so that chains grow.
      let i = count - 1 - Int.random(in: 0..<Swift.min(3, count), using: &rng)
      let j = Int.random(in: 0..<count, using: &rng)
      steps.append(
        (
          Int.random(in: 0..<12, using: &rng), i, j,
          constants[Int.random(in: 0..<constants.count, using: &rng)]
        ))
    }
  }

  func run<V>(_ x: V, _ y: V, _ step: (Int, V, V, Double) -> V) -> V {
    var values = [x, y]
    for s in steps { values.append(step(s.op, values[s.i], values[s.j], s.c)) }
    return values[values.count - 1]
  }

  func recorded(_ x: Variable<Double>, _ y: Variable<Double>) -> Variable<Double> {
    run(x, y) { op, a, b, c in
      switch op {
      case 0: return a + b
      case 1: return a - b
      case 2: return a * c
      case 3: return c * a
      case 4: return a - c
      case 5: return c - a
      case 6: return a + c
      case 7: return -a
      case 8: return a + b * c
      case 9: return a - c * b
      case 10: return a * b
      default: return a / c
      }
    }
  }

  func direct(_ x: Double, _ y: Double) -> Double {
    run(x, y) { op, a, b, c in
      switch op {
      case 0: return a + b
      case 1: return a - b
      case 2: return a * c
      case 3: return c * a
      case 4: return a - c
      case 5: return c - a
      case 6: return a + c
      case 7: return -a
      case 8: return a + b * c
      case 9: return a - c * b
      case 10: return a * b
      default: return a / c
      }
    }
  }
}

/// Random programs: the combined tape's value equals in bits both the plain-arithmetic replay
/// and the scalar tape it was fused from; its gradient agrees with define-by-run reverse mode.
@Test func randomLinearChainsKeepValueBits() throws {
  var combined = 0
  for seed in 0..<40 {
    try checkRandomLinearProgram(seed: seed, combined: &combined)
  }
  // The programs do form chains.
  #expect(combined >= 30, "\(combined) of 40 programs have a linear combination")
}

func checkRandomLinearProgram(seed: Int, combined: inout Int) throws {
  let program = RandomLinearProgram(seed: seed)
  let f = try CompiledFunction<Double>(inputs: [.scalar, .scalar]) { v in
    program.recorded(v[0], v[1])
  }
  let tape = try #require(f.scalarTape)
  let w = f.scalarWork
  if w.combined.contains(where: { $0.op == .linearCombination }) { combined += 1 }
  for point in [[0.3, -1.7], [-2.5, 0.125], [0, -0.0]] {
    let value = f.value(point)
    #expect(value.bitPattern == program.direct(point[0], point[1]).bitPattern, "seed \(seed)")
    // The unfused program: the scalar tape run instruction by instruction.
    w.values[0] = point[0]
    w.values[1] = point[1]
    for i in tape { i.evaluate(w.values, w.terms) }
    #expect(value.bitPattern == w.values[f.scalarOutput].bitPattern, "seed \(seed)")

    var g: [Double] = []
    _ = f.gradient(point, into: &g)
    let leaves = [Variable(point[0], requiresGrad: true), Variable(point[1], requiresGrad: true)]
    try program.recorded(leaves[0], leaves[1]).backward()
    let reference = leaves.map { $0.grad?.scalar ?? 0 }
    let scale = Swift.max(1, abs(reference[0]), abs(reference[1]))
    for k in 0..<2 {
      #expect(abs(g[k] - reference[k]) <= 1e-12 * scale, "seed \(seed): \(g) vs \(reference)")
    }
  }
}
