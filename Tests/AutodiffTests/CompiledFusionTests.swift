import Foundation
import Testing

@testable import Autodiff

// The lowering fuses `a − b²`, `a·b²` and `(a − b)²` into single element-wise instructions.
// Each function below is a chain Σᵢ φ(aᵢ, bᵢ) with a = x[1:], b = x[:-1] (shifted views, so
// adjoints of neighbouring terms meet in one input element, also across chunk boundaries);
// the expected value, gradient and Hessian–vector product come from φ's partial derivatives
// derived by hand.

/// φ(a, b) with its first and second partial derivatives.
struct ChainTerm: Sendable {
  var value: Double
  var pa: Double
  var pb: Double
  var paa: Double
  var pab: Double
  var pbb: Double
}

struct FusedChain: Sendable {
  let term: @Sendable (Double, Double) -> ChainTerm

  func value(_ x: [Double]) -> Double {
    (0..<(x.count - 1)).reduce(0) { $0 + term(x[$1 + 1], x[$1]).value }
  }

  func gradient(_ x: [Double]) -> [Double] {
    var g = [Double](repeating: 0, count: x.count)
    for i in 0..<(x.count - 1) {
      let t = term(x[i + 1], x[i])
      g[i + 1] += t.pa
      g[i] += t.pb
    }
    return g
  }

  func hessianTimes(_ x: [Double], _ v: [Double]) -> [Double] {
    var hv = [Double](repeating: 0, count: x.count)
    for i in 0..<(x.count - 1) {
      let t = term(x[i + 1], x[i])
      hv[i + 1] += t.paa * v[i + 1] + t.pab * v[i]
      hv[i] += t.pab * v[i + 1] + t.pbb * v[i]
    }
    return hv
  }
}

/// φ = sin(a − b²): the fused `a − b²` feeds a rule that reads its result. With r = a − b²:
/// φ_a = cos r, φ_b = −2b cos r, φ_aa = −sin r, φ_ab = 2b sin r, φ_bb = −2cos r − 4b² sin r.
func sineOfDifference<T>(_ x: Variable<T>) -> Variable<T> {
  sum(sin(x.slice(1, nil) - pow(x.slice(nil, -1), 2)))
}

let sineOfDifferenceChain = FusedChain { a, b in
  let r = a - b * b
  let s = Foundation.sin(r)
  let c = Foundation.cos(r)
  return ChainTerm(
    value: s, pa: c, pb: -2 * b * c, paa: -s, pab: 2 * b * s, pbb: -2 * c - 4 * b * b * s)
}

/// φ = a²·b + 3b²: the square on the left of a product with a variable, and a constant times
/// a square. φ_a = 2ab, φ_b = a² + 6b, φ_aa = 2b, φ_ab = 2a, φ_bb = 6.
func squaresTimesValues<T>(_ x: Variable<T>) -> Variable<T> {
  let a = x.slice(1, nil)
  let b = x.slice(nil, -1)
  return sum(pow(a, 2) * b + 3 * pow(b, 2))
}

let squaresTimesValuesChain = FusedChain { a, b in
  ChainTerm(
    value: a * a * b + 3 * b * b, pa: 2 * a * b, pb: a * a + 6 * b, paa: 2 * b, pab: 2 * a, pbb: 6)
}

/// φ = (a − b)² + ½(b − a²): a squared difference of two variables, and `b − a²` read by a
/// product. With d = a − b: φ_a = 2d − a, φ_b = ½ − 2d,
/// φ_aa = 1, φ_ab = −2, φ_bb = 2.
func squaredDifferences<T>(_ x: Variable<T>) -> Variable<T> {
  let a = x.slice(1, nil)
  let b = x.slice(nil, -1)
  return sum(pow(a - b, 2) + 0.5 * (b - pow(a, 2)))
}

let squaredDifferencesChain = FusedChain { a, b in
  let d = a - b
  return ChainTerm(
    value: d * d + 0.5 * (b - a * a), pa: 2 * d - a, pb: 0.5 - 2 * d, paa: 1, pab: -2, pbb: 2)
}

var fusedChains: [(String, FusedChain, [ElementCode])] {
  [
    ("sineOfDifference", sineOfDifferenceChain, [.subtractSquare]),
    // The sum of the two weighted squares becomes one `a·b² + c` (see
    // `weightedSquareSumKeepsTheAdjointOrder` for which).
    ("squaresTimesValues", squaresTimesValuesChain, [.multiplySquare, .multiplySquareAdd]),
    ("squaredDifferences", squaredDifferencesChain, [.squareDifference, .subtractSquare]),
  ]
}

func fusedBody<T>(_ name: String) -> (Variable<T>) -> Variable<T> {
  switch name {
  case "sineOfDifference": return sineOfDifference
  case "squaresTimesValues": return squaresTimesValues
  default: return squaredDifferences
  }
}

@Test(arguments: adjointWriteSizes)
func fusedChainsMatchHandDerivation(n: Int) throws {
  for (name, chain, codes) in fusedChains {
    let double = try CompiledFunction<Double>(dimension: n, fusedBody(name))
    let fused = double.program.elements.map(\.code).filter { codes.contains($0) }
    #expect(
      fused.sorted { $0.rawValue < $1.rawValue } == codes.sorted { $0.rawValue < $1.rawValue },
      "\(name)")
    #expect(!double.program.elements.contains { $0.code == .square }, "\(name)")
    checkAdjointWrites(
      Double.self, n: n, dimension: n, tolerance: 1e-12, function: double,
      value: chain.value, gradient: chain.gradient, hessianTimes: chain.hessianTimes)
    checkAdjointWrites(
      Float.self, n: n, dimension: n, tolerance: 1e-4,
      function: try CompiledFunction<Float>(dimension: n, fusedBody(name)),
      value: chain.value, gradient: chain.gradient, hessianTimes: chain.hessianTimes)
  }
}

/// The chained Rosenbrock lowers to three superinstructions and its sum: the weighted square
/// and the addition into the sum are one `a·b² + c`.
@Test func chainedRosenbrockFusesEverySquare() throws {
  let f = try CompiledFunction<Double>(dimension: 1300, chainedRosenbrock)
  let codes = f.program.elements.map(\.code)
  #expect(codes == [.subtractSquare, .squareDifference, .multiplySquareAdd, .sum])
}

/// A square read twice, or read by the result, is not fused, and the values still match:
/// φ = (a − b²)·b² has φ_a = b², φ_b = 2ab − 4b³, φ_aa = 0, φ_ab = 2b, φ_bb = 2a − 12b².
@Test(arguments: adjointWriteSizes)
func sharedSquareIsNotFused(n: Int) throws {
  func body<T>(_ x: Variable<T>) -> Variable<T> {
    let s = pow(x.slice(nil, -1), 2)
    return sum((x.slice(1, nil) - s) * s)
  }
  let chain = FusedChain { a, b in
    ChainTerm(
      value: (a - b * b) * b * b, pa: b * b, pb: 2 * a * b - 4 * b * b * b, paa: 0, pab: 2 * b,
      pbb: 2 * a - 12 * b * b)
  }
  let f = try CompiledFunction<Double>(dimension: n, body)
  #expect(f.program.elements.contains { $0.code == .square })
  #expect(!f.program.elements.contains { $0.code == .subtractSquare || $0.code == .multiplySquare })
  checkAdjointWrites(
    Double.self, n: n, dimension: n, tolerance: 1e-12, function: f, value: chain.value,
    gradient: chain.gradient, hessianTimes: chain.hessianTimes)
}
