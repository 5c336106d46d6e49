import Foundation
import Testing

@testable import Autodiff

// When an instruction accumulates into the adjoints of two operands that overlap in memory —
// shifted slices of one input, or one operand read twice — and the first starts d ≥ 0
// elements after the second, its reverse step runs as one loop over the elements, each taking
// its first-operand term and then its second-operand term, as the two separate loops did.
// Each function below reaches that path (or, with the shift the other way, the two loops)
// through a subtraction or product whose result feeds a sine, across chunk boundaries; the
// expected values are φ's partial derivatives, derived by hand.

/// Σᵢ φ(x_{i+k}, x_i) with its gradient and Hessian–vector product from φ's partials.
struct ShiftedChain: Sendable {
  let shift: Int
  let term: @Sendable (Double, Double) -> ChainTerm

  func value(_ x: [Double]) -> Double {
    (0..<(x.count - shift)).reduce(0) { $0 + term(x[$1 + shift], x[$1]).value }
  }

  func gradient(_ x: [Double]) -> [Double] {
    var g = [Double](repeating: 0, count: x.count)
    for i in 0..<(x.count - shift) {
      let t = term(x[i + shift], x[i])
      g[i + shift] += t.pa
      g[i] += t.pb
    }
    return g
  }

  func hessianTimes(_ x: [Double], _ v: [Double]) -> [Double] {
    var hv = [Double](repeating: 0, count: x.count)
    for i in 0..<(x.count - shift) {
      let t = term(x[i + shift], x[i])
      hv[i + shift] += t.paa * v[i + shift] + t.pab * v[i]
      hv[i] += t.pab * v[i + shift] + t.pbb * v[i]
    }
    return hv
  }
}

/// φ = sin(a − b): φ_a = cos, φ_b = −cos, φ_aa = φ_bb = −sin, φ_ab = sin (of a − b).
let sineOfShiftedDifference = { @Sendable (a: Double, b: Double) -> ChainTerm in
  let s = Foundation.sin(a - b)
  let c = Foundation.cos(a - b)
  return ChainTerm(value: s, pa: c, pb: -c, paa: -s, pab: s, pbb: -s)
}

/// φ = sin(b − a): φ_a = −cos, φ_b = cos, φ_aa = φ_bb = −sin, φ_ab = sin (of b − a).
let sineOfReversedDifference = { @Sendable (a: Double, b: Double) -> ChainTerm in
  let s = Foundation.sin(b - a)
  let c = Foundation.cos(b - a)
  return ChainTerm(value: s, pa: -c, pb: c, paa: -s, pab: s, pbb: -s)
}

func shiftedSine<T>(_ k: Int, reversed: Bool) -> (Variable<T>) -> Variable<T> {
  { x in
    let later = x.slice(k, nil)
    let earlier = x.slice(nil, -k)
    return sum(sin(reversed ? earlier - later : later - earlier))
  }
}

@Test(arguments: adjointWriteSizes)
func shiftedAccumulationsMatchHandDerivation(n: Int) throws {
  for k in [1, 3] where k < n {
    for reversed in [false, true] {
      let chain = ShiftedChain(
        shift: k, term: reversed ? sineOfReversedDifference : sineOfShiftedDifference)
      let double = try CompiledFunction<Double>(
        dimension: n, shiftedSine(k, reversed: reversed))
      // The subtraction accumulates into both input operands in the reverse pass.
      let subtract = double.program.elements.first { $0.code == .subtract }
      #expect(subtract?.reversesInForward == false && subtract?.aActive == true)
      checkAdjointWrites(
        Double.self, n: n, dimension: n, tolerance: 1e-12, function: double,
        value: chain.value, gradient: chain.gradient, hessianTimes: chain.hessianTimes)
      checkAdjointWrites(
        Float.self, n: n, dimension: n, tolerance: 1e-4,
        function: try CompiledFunction<Float>(dimension: n, shiftedSine(k, reversed: reversed)),
        value: chain.value, gradient: chain.gradient, hessianTimes: chain.hessianTimes)
    }
  }
}

/// f = Σ sin(x_i·x_i): the product reads x twice (d = 0). ∂f/∂x_i = 2x_i cos(x_i²),
/// ∂²f/∂x_i² = 2cos(x_i²) − 4x_i² sin(x_i²).
@Test(arguments: adjointWriteSizes)
func productOfAnInputWithItselfMatchesHandDerivation(n: Int) throws {
  func body<T>(_ x: Variable<T>) -> Variable<T> { sum(sin(x * x)) }
  func value(_ x: [Double]) -> Double { x.reduce(0) { $0 + Foundation.sin($1 * $1) } }
  func gradient(_ x: [Double]) -> [Double] { x.map { 2 * $0 * Foundation.cos($0 * $0) } }
  func hessianTimes(_ x: [Double], _ v: [Double]) -> [Double] {
    zip(x, v).map { xi, vi in
      (2 * Foundation.cos(xi * xi) - 4 * xi * xi * Foundation.sin(xi * xi)) * vi
    }
  }
  let double = try CompiledFunction<Double>(dimension: n, body)
  #expect(double.program.elements.contains { $0.code == .multiply && $0.a == $0.b })
  checkAdjointWrites(
    Double.self, n: n, dimension: n, tolerance: 1e-12, function: double, value: value,
    gradient: gradient, hessianTimes: hessianTimes)
  checkAdjointWrites(
    Float.self, n: n, dimension: n, tolerance: 1e-4,
    function: try CompiledFunction<Float>(dimension: n, body), value: value,
    gradient: gradient, hessianTimes: hessianTimes)
}
