import Foundation
import Testing

@testable import Autodiff

/// Each element-wise primitive is defined once (its `ElementRule`); these tests check that
/// every path takes its numbers from that definition: the define-by-run graph (unrecorded and
/// recorded backward), the compiled scalar steps and the compiled vector sweeps give the same
/// first partials to the bit, also where a partial is zero, infinite, NaN or overflows; and that
/// first and second derivatives on every path match the reference engine.
@Suite struct PrimitiveDefinitionTests {
  typealias Unary = (
    name: String, f: (Variable<Double>) -> Variable<Double>,
    reference: (Reference) -> Reference, domain: ClosedRange<Double>
  )

  static var unary: [Unary] {
    [
      ("neg", { -$0 }, { -$0 }, -5...5),
      ("exp", { exp($0) }, { exp($0) }, -5...5),
      ("log", { log($0) }, { log($0) }, 0.05...20),
      ("sqrt", { sqrt($0) }, { sqrt($0) }, 0.05...20),
      ("abs", { abs($0) }, { abs($0) }, -5...5),
      ("sin", { sin($0) }, { sin($0) }, -5...5),
      ("cos", { cos($0) }, { cos($0) }, -5...5),
      ("tan", { tan($0) }, { tan($0) }, -1.4...1.4),
      ("tanh", { tanh($0) }, { tanh($0) }, -5...5),
      ("atan", { atan($0) }, { atan($0) }, -5...5),
      ("sinh", { sinh($0) }, { sinh($0) }, -5...5),
      ("cosh", { cosh($0) }, { cosh($0) }, -5...5),
      ("log1p", { log1p($0) }, { log1p($0) }, -0.9...5),
      ("expm1", { expm1($0) }, { expm1($0) }, -5...5),
      ("asin", { asin($0) }, { asin($0) }, -0.95...0.95),
      ("acos", { acos($0) }, { acos($0) }, -0.95...0.95),
      ("asinh", { asinh($0) }, { asinh($0) }, -5...5),
      ("sigmoid", { sigmoid($0) }, { sigmoid($0) }, -10...10),
      ("softplus", { softplus($0) }, { softplus($0) }, -10...10),
      ("erf", { erf($0) }, { erf($0) }, -3...3),
    ]
  }

  /// Inputs where partials are zero, infinite or NaN, or overflow.
  static let special: [Double] = [
    0, -0.0, 1, -1, 0.5, 1e-300, -1e-300, 1e-160, 1e154, 1e200, -1e200, 710, -710, 1e308,
    .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
  ]

  /// The same bits, or both NaN, or both zero: a gradient that starts as a zero and adds a −0
  /// partial holds +0 where one that is assigned holds −0, a matter of accumulation that the
  /// definition does not decide.
  static func identical(_ a: Double, _ b: Double) -> Bool {
    a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) || (a == 0 && b == 0)
  }

  /// Random points of `domain`, reproducible.
  static func samples(_ domain: ClosedRange<Double>, count: Int, seed: UInt64) -> [Double] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let u = Double(state >> 11) / Double(1 << 53)
      return domain.lowerBound + u * (domain.upperBound - domain.lowerBound)
    }
  }

  /// ∂f/∂x on the four paths: unrecorded and recorded backward, compiled scalar steps,
  /// compiled vector sweeps (one call over all the points).
  static func firstPartials(
    _ f: ([Variable<Double>]) -> Variable<Double>, arity: Int,
    at points: [[Double]]
  ) throws -> [[[Double]]] {
    var unrecorded: [[Double]] = []
    var recorded: [[Double]] = []
    var scalar: [[Double]] = []
    let compiled = try CompiledFunction<Double>(inputs: Array(repeating: .scalar, count: arity)) {
      f($0)
    }
    for x in points {
      let plain = x.map { Variable($0, requiresGrad: true) }
      try f(plain).backward()
      unrecorded.append(plain.map { $0.grad?.scalar ?? 0 })
      let leaves = x.map { Variable($0, requiresGrad: true) }
      recorded.append(try grad(of: f(leaves), wrt: leaves, createGraph: true).map(\.scalar))
      var g = [Double](repeating: 0, count: arity)
      _ = compiled.gradient(x, into: &g)
      scalar.append(g)
    }
    // The vector form: Σᵢ f(x₁ᵢ, x₂ᵢ); its gradient holds each point's partials.
    let n = points.count
    let vector = try CompiledFunction<Double>(inputs: Array(repeating: .vector(n), count: arity)) {
      sum(f($0))
    }
    let flat = (0..<arity).flatMap { k in points.map { $0[k] } }
    var g = [Double](repeating: 0, count: arity * n)
    _ = vector.gradient(flat, into: &g)
    let swept = (0..<n).map { i in (0..<arity).map { k in g[k * n + i] } }
    return [unrecorded, recorded, scalar, swept]
  }

  @Test(arguments: unary.map(\.name))
  func firstPartialsAgreeToTheBitOnEveryPath(_ name: String) throws {
    let f = Self.unary.first { $0.name == name }!
    let points = (Self.special + Self.samples(f.domain, count: 20, seed: 7)).map { [$0] }
    let paths = try Self.firstPartials({ f.f($0[0]) }, arity: 1, at: points)
    let labels = ["recorded backward", "compiled scalar", "compiled vector"]
    for (k, x) in points.enumerated() {
      for p in 1..<4 {
        #expect(
          Self.identical(paths[0][k][0], paths[p][k][0]),
          "\(name)′(\(x[0])): unrecorded \(paths[0][k][0]), \(labels[p - 1]) \(paths[p][k][0])")
      }
    }
  }

  static var binary: [(name: String, f: ([Variable<Double>]) -> Variable<Double>)] {
    [
      ("+", { $0[0] + $0[1] }), ("-", { $0[0] - $0[1] }), ("*", { $0[0] * $0[1] }),
      ("/", { $0[0] / $0[1] }), ("pow", { pow($0[0], $0[1]) }),
      ("pow(a, 3)", { pow($0[0], 3.0) + $0[1] }), ("pow(a, 0)", { pow($0[0], 0.0) + $0[1] }),
      ("pow(a, -0)", { pow($0[0], -0.0) + $0[1] }),
      // The compiled scalar steps' hand-fused forms of one primitive with a constant.
      ("2.5 / a", { 2.5 / $0[0] + $0[1] }), ("a / 2.5", { $0[0] / 2.5 + $0[1] }),
      ("2.5 - a", { 2.5 - $0[0] + $0[1] }), ("a * 2.5", { $0[0] * 2.5 + $0[1] }),
      ("a + 2.5", { $0[0] + 2.5 + $0[1] }), ("pow(a, 2)", { pow($0[0], 2.0) + $0[1] }),
      ("atan2", { atan2($0[0], $0[1]) }), ("min", { min($0[0], $0[1]) }),
      ("max", { max($0[0], $0[1]) }), ("hypot", { hypot($0[0], $0[1]) }),
    ]
  }

  /// Pairs where a partial overflows, underflows, is infinite or NaN.
  static let specialPairs: [[Double]] = [
    [1e-300, 1e-200], [1, 1e-200], [1e300, 1e-10], [1e-10, 1e300], [0, 0], [-0.0, 2], [2, -0.0],
    [0, -3], [.infinity, 1], [1, .infinity], [.nan, 1], [1, .nan], [1e200, 1e200], [-2, 3],
    [-2, 0.5], [0.7, -1.3], [3, 3], [1e308, 0.5], [0.5, 1e308],
  ]

  @Test(arguments: binary.map(\.name))
  func binaryFirstPartialsAgreeToTheBitOnEveryPath(_ name: String) throws {
    let f = Self.binary.first { $0.name == name }!
    let random = zip(
      Self.samples(-3...3, count: 20, seed: 11), Self.samples(0.2...3, count: 20, seed: 13)
    ).map { [$0, $1] }
    let points = Self.specialPairs + random
    let paths = try Self.firstPartials(f.f, arity: 2, at: points)
    let labels = ["recorded backward", "compiled scalar", "compiled vector"]
    for (k, x) in points.enumerated() {
      for p in 1..<4 {
        for i in 0..<2 {
          #expect(
            Self.identical(paths[0][k][i], paths[p][k][i]),
            "\(name) at \(x), ∂/∂x\(i): unrecorded \(paths[0][k][i]), \(labels[p - 1]) \(paths[p][k][i])"
          )
        }
      }
    }
  }

  /// Value, gradient and Hessian of `f` on every path next to the reference engine's.
  static func checkAgainstReference(
    _ name: String, _ f: @escaping ([Variable<Double>]) -> Variable<Double>,
    _ reference: ([Reference]) -> Reference, at x: [Double], tolerance: Double = 1e-12
  ) throws {
    let n = x.count
    let expected = Reference.derivatives(of: reference, at: x)
    // The reference's own derivatives against central differences of its values.
    for i in 0..<n {
      let fd = centralDifference({ p in reference(p.map { Reference($0) }).value }, at: x, i)
      #expect(isClose(expected.gradient[i], fd, tolerance: 1e-6), "\(name) reference at \(x)")
    }
    // Define-by-run: backward twice through a recorded graph.
    let leaves = x.map { Variable($0, requiresGrad: true) }
    let y = f(leaves)
    let g = try grad(of: y, wrt: leaves, createGraph: true)
    #expect(isClose(y.scalar, expected.value, tolerance: tolerance), "\(name) value at \(x)")
    for i in 0..<n {
      #expect(
        isClose(g[i].scalar, expected.gradient[i], tolerance: tolerance),
        "\(name) ∂/∂x\(i) at \(x): \(g[i].scalar) vs \(expected.gradient[i])")
      let row = try grad(of: g[i], wrt: leaves, allowUnused: true).map { $0.scalar }
      #expect(
        isClose(row, expected.hessian[i], tolerance: tolerance),
        "\(name) Hessian row \(i) at \(x): \(row) vs \(expected.hessian[i])")
    }
    // Compiled: scalar steps, and the vector sweeps over one vector input.
    let scalar = try CompiledFunction<Double>(inputs: Array(repeating: .scalar, count: n)) { f($0) }
    let vector = try CompiledFunction<Double>(dimension: n) { v in f((0..<n).map { v[$0] }) }
    for compiled in [scalar, vector] {
      var gradient = [Double](repeating: 0, count: n)
      var hessian = [Double](repeating: 0, count: n * n)
      let value = compiled.gradient(x, into: &gradient)
      compiled.hessian(x, into: &hessian)
      #expect(isClose(value, expected.value, tolerance: tolerance), "\(name) compiled value")
      #expect(
        isClose(gradient, expected.gradient, tolerance: tolerance),
        "\(name) compiled gradient at \(x): \(gradient) vs \(expected.gradient)")
      #expect(
        isClose(hessian, expected.hessian.flatMap { $0 }, tolerance: tolerance),
        "\(name) compiled Hessian at \(x): \(hessian) vs \(expected.hessian)")
    }
  }

  @Test(arguments: unary.map(\.name))
  func derivativesMatchTheReferenceEngine(_ name: String) throws {
    let f = Self.unary.first { $0.name == name }!
    for x in Self.samples(f.domain, count: 8, seed: 3) {
      // Composed with a square, so that the second derivative also meets f′ (chain rule).
      try Self.checkAgainstReference(
        name, { v in f.f(v[0] * v[1]) * v[1] }, { r in f.reference(r[0] * r[1]) * r[1] },
        at: [x, 1.0])
      try Self.checkAgainstReference(name, { f.f($0[0]) }, { f.reference($0[0]) }, at: [x])
    }
    // The vector sweeps: Σᵢ f(xᵢ) has gradient f′(xᵢ) and a diagonal Hessian f″(xᵢ).
    let xs = Self.samples(f.domain, count: 300, seed: 5)
    let swept = try CompiledFunction<Double>(dimension: xs.count) { sum(f.f($0)) }
    var gradient = [Double](repeating: 0, count: xs.count)
    let direction = [Double](repeating: 1, count: xs.count)
    var curvature = gradient
    _ = swept.gradient(xs, into: &gradient)
    swept.hessianVectorProduct(xs, direction, into: &curvature)
    for (i, x) in xs.enumerated() {
      let r = f.reference(Reference(x, du: 1, dw: 1))
      #expect(
        isClose(gradient[i], r.du, tolerance: 1e-12), "\(name)′(\(x)): \(gradient[i]) vs \(r.du)")
      #expect(
        isClose(curvature[i], r.duw, tolerance: 1e-12),
        "\(name)″(\(x)): \(curvature[i]) vs \(r.duw)")
    }
  }

  @Test func hypotMatchesTheReferenceEngine() throws {
    let xs = Self.samples(-4...4, count: 12, seed: 17)
    for k in stride(from: 0, to: xs.count, by: 2) {
      try Self.checkAgainstReference(
        "hypot", { hypot($0[0], $0[1]) }, { hypot($0[0], $0[1]) }, at: [xs[k], xs[k + 1]])
      try Self.checkAgainstReference(
        "hypot chained", { hypot($0[0] * $0[1], $0[1]) * $0[0] },
        { hypot($0[0] * $0[1], $0[1]) * $0[0] }, at: [xs[k], xs[k + 1]])
    }
    // No overflow of the squares.
    #expect(isClose(hypot(Variable(3e200), Variable(4e200)).scalar, 5e200, tolerance: 1e-15))
  }

  @Test func logsumexpMatchesTheReferenceEngine() throws {
    let xs = Self.samples(-3...3, count: 4, seed: 19)
    try Self.checkAgainstReference(
      "logsumexp", { logsumexp(concat($0)) }, { logsumexp($0) }, at: xs)
    try Self.checkAgainstReference(
      "logsumexp of squares", { v in logsumexp(concat(v.map { $0 * $0 })) * v[0] },
      { v in logsumexp(v.map { $0 * $0 }) * v[0] }, at: xs)
    // On the vector sweeps too.
    let expected = Reference.derivatives(of: { logsumexp($0) }, at: xs)
    let swept = try CompiledFunction<Double>(dimension: xs.count) { logsumexp($0) }
    var gradient = [Double](repeating: 0, count: xs.count)
    var hessian = [Double](repeating: 0, count: xs.count * xs.count)
    _ = swept.gradient(xs, into: &gradient)
    swept.hessian(xs, into: &hessian)
    #expect(isClose(gradient, expected.gradient))
    #expect(isClose(hessian, expected.hessian.flatMap { $0 }))
  }

  @Test func logsumexpIsStableWhereTheExponentialsOverflowOrUnderflow() throws {
    // Recorded at 0, evaluated far away: the shift is recorded, not frozen.
    let compiled = try CompiledFunction<Double>(dimension: 3) { logsumexp($0) }
    for x in [[1000.0, 1000, 999], [-1000.0, -1000, -1001], [800.0, -800, 0]] {
      let m = x.max()!
      let expected = m + Foundation.log(x.reduce(0) { $0 + Foundation.exp($1 - m) })
      let shifted = x.map { Foundation.exp($0 - m) }
      let softmax = shifted.map { $0 / shifted.reduce(0, +) }
      var gradient = [Double](repeating: 0, count: 3)
      let value = compiled.gradient(x, into: &gradient)
      #expect(isClose(value, expected, tolerance: 1e-14), "\(x): \(value) vs \(expected)")
      #expect(isClose(gradient, softmax, tolerance: 1e-14), "\(x): \(gradient) vs \(softmax)")
      let v = Variable(x, requiresGrad: true)
      let y = logsumexp(v)
      try y.backward()
      #expect(isClose(y.scalar, expected, tolerance: 1e-14))
      #expect(isClose(v.grad!.value.elements, softmax, tolerance: 1e-14))
    }
    #expect(logsumexp(Variable([Double]())).scalar == -.infinity)
    #expect(logsumexp(Variable(2.5)).scalar == 2.5)
  }
}
