import Foundation
import Testing

@testable import Autodiff

// The reverse sweep of an element-wise group assigns the first write into a chunk-local
// adjoint instead of clearing and accumulating, gives a sum's operand the sum's adjoint once per
// run, and clears the input's adjoints a chunk window at a time. These functions reach each of
// those paths across chunk boundaries (n not a multiple of the chunk size), and every call
// runs at a second point too, so that nothing stale from an earlier call can leak in. Expected
// values are closed forms derived by hand.

/// Sizes inside one chunk, spanning several with a partial last one, and one past a boundary.
let adjointWriteSizes = [7, 1300, 2 * chunkSize + 1]

/// Points in [-1, 1] from a seeded generator, different for each `salt`.
func points(_ n: Int, salt: UInt64) -> [Double] {
  var rng = SplitMix64(state: UInt64(n) &* 31 &+ salt)
  return (0..<n).map { _ in Double.random(in: -1...1, using: &rng) }
}

func expectClose<T: DifferentiableScalar>(
  _ actual: [T], _ expected: [Double], tolerance: Double, _ what: String
) {
  #expect(actual.count == expected.count)
  for (i, (a, e)) in zip(actual, expected).enumerated() {
    let error = abs(Double(a) - e) / max(1, abs(e))
    #expect(error <= tolerance, "\(what)[\(i)]: \(a) against \(e)")
  }
}

/// f = Σ u² + Σ exp(u), u_i = x_{i+3} − 2x_i: one local read three times (by u·u twice and
/// by exp) and input views three elements apart. Written with two sums, the group has two
/// broadcasting sums and a scalar stage after it; written with one, the group is the fused last
/// stage and clears input-adjoint windows.
/// ∂f/∂u_i = 2u_i + e^{u_i}, ∂²f/∂u_i² = 2 + e^{u_i}; with J the map x ↦ u,
/// ∇f = Jᵀ ∂f/∂u and Hv = Jᵀ diag(∂²f/∂u²) J v.
struct ShiftedSquaresAndExponentials {
  static func twoSums<T>(_ x: Variable<T>) -> Variable<T> {
    let u = x.slice(3, nil) - 2 * x.slice(nil, -3)
    return sum(u * u) + sum(exp(u))
  }

  static func oneSum<T>(_ x: Variable<T>) -> Variable<T> {
    let u = x.slice(3, nil) - 2 * x.slice(nil, -3)
    return sum(u * u + exp(u))
  }

  static func u(_ x: [Double]) -> [Double] {
    (0..<(x.count - 3)).map { x[$0 + 3] - 2 * x[$0] }
  }

  static func value(_ x: [Double]) -> Double {
    u(x).reduce(0) { $0 + $1 * $1 + Foundation.exp($1) }
  }

  static func transpose(_ w: [Double], count n: Int) -> [Double] {
    var g = [Double](repeating: 0, count: n)
    for (i, wi) in w.enumerated() {
      g[i + 3] += wi
      g[i] -= 2 * wi
    }
    return g
  }

  static func gradient(_ x: [Double]) -> [Double] {
    transpose(u(x).map { 2 * $0 + Foundation.exp($0) }, count: x.count)
  }

  static func hessianTimes(_ x: [Double], _ v: [Double]) -> [Double] {
    let jv = (0..<(x.count - 3)).map { v[$0 + 3] - 2 * v[$0] }
    let w = zip(u(x), jv).map { (2 + Foundation.exp($0)) * $1 }
    return transpose(w, count: x.count)
  }
}

/// f = Σ s + ½ Σ s·s, s = sin x: the sum's operand is also read by another instruction, so
/// its adjoint is accumulated rather than broadcast. ∂f/∂x_i = cos x_i (1 + sin x_i),
/// ∂²f/∂x_i² = cos² x_i − sin x_i (1 + sin x_i).
struct SineAndItsSquare {
  static func body<T>(_ x: Variable<T>) -> Variable<T> {
    let s = sin(x)
    return sum(s) + 0.5 * sum(s * s)
  }

  static func value(_ x: [Double]) -> Double {
    x.reduce(0) { $0 + Foundation.sin($1) + 0.5 * Foundation.sin($1) * Foundation.sin($1) }
  }

  static func gradient(_ x: [Double]) -> [Double] {
    x.map { Foundation.cos($0) * (1 + Foundation.sin($0)) }
  }

  static func hessianTimes(_ x: [Double], _ v: [Double]) -> [Double] {
    zip(x, v).map { xi, vi in
      let s = Foundation.sin(xi)
      let c = Foundation.cos(xi)
      return (c * c - s * (1 + s)) * vi
    }
  }
}

func checkAdjointWrites<T: DifferentiableScalar>(
  _: T.Type, n: Int, dimension: Int, tolerance: Double, function: CompiledFunction<T>,
  value: ([Double]) -> Double, gradient: ([Double]) -> [Double],
  hessianTimes: ([Double], [Double]) -> [Double]
) {
  for salt: UInt64 in [1, 2] {
    let x = points(dimension, salt: salt)
    let v = points(dimension, salt: salt + 10)
    let xt = x.map { T($0) }
    var g: [T] = []
    let f = function.gradient(xt, into: &g)
    expectClose([f], [value(x)], tolerance: tolerance, "f, n = \(n)")
    expectClose(g, gradient(x), tolerance: tolerance, "gradient, n = \(n)")
    var hv: [T] = []
    function.hessianVectorProduct(xt, v.map { T($0) }, into: &hv)
    expectClose(hv, hessianTimes(x, v), tolerance: tolerance, "Hv, n = \(n)")
    expectClose([function.value(xt)], [value(x)], tolerance: tolerance, "value, n = \(n)")
  }
}

@Test(arguments: adjointWriteSizes)
func shiftedSquaresAndExponentialsMatchHandDerivation(n: Int) throws {
  typealias F = ShiftedSquaresAndExponentials
  for body in [F.twoSums, F.oneSum] as [(Variable<Double>) -> Variable<Double>] {
    checkAdjointWrites(
      Double.self, n: n, dimension: n, tolerance: 1e-12,
      function: try CompiledFunction<Double>(dimension: n, body), value: F.value,
      gradient: F.gradient, hessianTimes: F.hessianTimes)
  }
  for body in [F.twoSums, F.oneSum] as [(Variable<Float>) -> Variable<Float>] {
    checkAdjointWrites(
      Float.self, n: n, dimension: n, tolerance: 1e-4,
      function: try CompiledFunction<Float>(dimension: n, body), value: F.value,
      gradient: F.gradient, hessianTimes: F.hessianTimes)
  }
}

@Test(arguments: adjointWriteSizes)
func sineAndItsSquareMatchHandDerivation(n: Int) throws {
  typealias F = SineAndItsSquare
  checkAdjointWrites(
    Double.self, n: n, dimension: n, tolerance: 1e-12,
    function: try CompiledFunction<Double>(dimension: n, F.body), value: F.value,
    gradient: F.gradient, hessianTimes: F.hessianTimes)
  checkAdjointWrites(
    Float.self, n: n, dimension: n, tolerance: 1e-4,
    function: try CompiledFunction<Float>(dimension: n, F.body), value: F.value,
    gradient: F.gradient, hessianTimes: F.hessianTimes)
}

/// Two vector inputs a and b of length n in one point (a first): f = Σ (a − b²)², whose
/// input-adjoint windows span both. ∂f/∂a_i = 2r_i, ∂f/∂b_i = −4 b_i r_i with r = a − b²;
/// the Hessian block of element i is [[2, −4b], [−4b, 12b² − 4a]].
@Test(arguments: adjointWriteSizes)
func twoInputsMatchHandDerivation(n: Int) throws {
  func body<T>(_ inputs: [Variable<T>]) -> Variable<T> {
    let r = inputs[0] - inputs[1] * inputs[1]
    return sum(r * r)
  }
  func value(_ x: [Double]) -> Double {
    (0..<n).reduce(0) { f, i in
      let r = x[i] - x[n + i] * x[n + i]
      return f + r * r
    }
  }
  func gradient(_ x: [Double]) -> [Double] {
    var g = [Double](repeating: 0, count: 2 * n)
    for i in 0..<n {
      let r = x[i] - x[n + i] * x[n + i]
      g[i] = 2 * r
      g[n + i] = -4 * x[n + i] * r
    }
    return g
  }
  func hessianTimes(_ x: [Double], _ v: [Double]) -> [Double] {
    var hv = [Double](repeating: 0, count: 2 * n)
    for i in 0..<n {
      let a = x[i]
      let b = x[n + i]
      hv[i] = 2 * v[i] - 4 * b * v[n + i]
      hv[n + i] = -4 * b * v[i] + (12 * b * b - 4 * a) * v[n + i]
    }
    return hv
  }
  checkAdjointWrites(
    Double.self, n: n, dimension: 2 * n, tolerance: 1e-12,
    function: try CompiledFunction<Double>(inputs: [.vector(n), .vector(n)], body),
    value: value, gradient: gradient, hessianTimes: hessianTimes)
  checkAdjointWrites(
    Float.self, n: n, dimension: 2 * n, tolerance: 1e-4,
    function: try CompiledFunction<Float>(inputs: [.vector(n), .vector(n)], body),
    value: value, gradient: gradient, hessianTimes: hessianTimes)
}

/// The chained Rosenbrock's group takes every shortcut: the final weighted square plus a term
/// adds straight into the sum and shares its adjoint with the added term, the sum does nothing,
/// no local adjoint is ever cleared, and the gradient is cleared window by window.
@Test func chainedRosenbrockGroupTakesEveryShortcut() throws {
  let f = try CompiledFunction<Double>(dimension: 1300, chainedRosenbrock)
  let elements = Array(f.program.elements)
  let reducing = elements.filter { $0.reducesInto != nil }
  #expect(reducing.count == 1)
  #expect(reducing.first?.code == .multiplySquareAdd)
  #expect(reducing.first?.cAliased == true)
  #expect(reducing.first?.bAssigns == true)
  let sums = elements.filter { $0.code == .sum }
  #expect(sums.count == 1)
  #expect(sums.first?.isReducedByProducer == true)
  #expect(sums.first?.broadcastsAdjoint == true)
  #expect(!elements.contains { $0.clearsOutAdjoint })
  #expect(f.clearsInputWindows)
  #expect(f.program.stages.last?.inputHigh == 1)
}
