import Foundation
import Testing

@testable import Autodiff

// The lowering fuses an addition with a weighted square, k·x² + c, into one three-operand
// instruction, rounded as the pair it replaces. Each function below reaches one of its paths:
// the added term shared with the result's adjoint or written in the reverse pass, a constant
// or a variable weight, a scalar added term, the sum fed directly or the result read again.
// Values are checked against φ's partial derivatives derived by hand, and bit for bit against
// the same function lowered without this fusion, across chunk and thread-block boundaries.

/// The same function lowered without the weighted-square-sum fusion.
func withoutWeightedSquareSums<T>(
  dimension n: Int, _ body: (Variable<T>) -> Variable<T>
) -> CompiledFunction<T> {
  let leaf = Variable<T>(Tensor(repeating: 0, shape: .vector(n)), requiresGrad: true)
  let result = GradMode.$isEnabled.withValue(true) { body(leaf) }
  return CompiledFunction(
    program: Lowering.program(inputs: [leaf], result: result, weightedSquareSums: false))
}

/// φ = (sin b + 2a²)·sin b: the fused sum is read by a product, and its added term sin b is
/// read twice, so c̄ is written in the reverse pass. With s = sin b, k = cos b:
/// φ_a = 4as, φ_b = k(2a² + 2s), φ_aa = 4s, φ_ab = 4ak, φ_bb = −s(2a² + 2s) + 2k².
func weightedSquarePlusSharedTerm<T>(_ x: Variable<T>) -> Variable<T> {
  let a = x.slice(1, nil)
  let s = sin(x.slice(nil, -1))
  return sum((s + 2 * pow(a, 2)) * s)
}

let weightedSquarePlusSharedTermChain = FusedChain { a, b in
  let s = Foundation.sin(b)
  let k = Foundation.cos(b)
  return ChainTerm(
    value: (2 * a * a + s) * s, pa: 4 * a * s, pb: k * (2 * a * a + 2 * s), paa: 4 * s,
    pab: 4 * a * k, pbb: -s * (2 * a * a + 2 * s) + 2 * k * k)
}

/// f = Σ (3x_i² + 1): a scalar constant added, straight into the sum. ∇f = 6x, Hv = 6v.
func weightedSquarePlusOne<T>(_ x: Variable<T>) -> Variable<T> { sum(3 * pow(x, 2) + 1) }

@Test(arguments: adjointWriteSizes)
func weightedSquareSumsMatchHandDerivation(n: Int) throws {
  let shared = try CompiledFunction<Double>(dimension: n, weightedSquarePlusSharedTerm)
  let fused = shared.program.elements.first { $0.code == .multiplySquareAdd }
  #expect(fused != nil)
  #expect(fused?.cActive == true && fused?.cAliased == false)
  let chain = weightedSquarePlusSharedTermChain
  checkAdjointWrites(
    Double.self, n: n, dimension: n, tolerance: 1e-12, function: shared,
    value: chain.value, gradient: chain.gradient, hessianTimes: chain.hessianTimes)
  checkAdjointWrites(
    Float.self, n: n, dimension: n, tolerance: 1e-4,
    function: try CompiledFunction<Float>(dimension: n, weightedSquarePlusSharedTerm),
    value: chain.value, gradient: chain.gradient, hessianTimes: chain.hessianTimes)

  let plusOne = try CompiledFunction<Double>(dimension: n, weightedSquarePlusOne)
  let constant = plusOne.program.elements.first { $0.code == .multiplySquareAdd }
  #expect(constant?.cActive == false && constant?.c.stride == 0)
  let value = { (x: [Double]) in x.reduce(0) { $0 + 3 * $1 * $1 + 1 } }
  checkAdjointWrites(
    Double.self, n: n, dimension: n, tolerance: 1e-12, function: plusOne, value: value,
    gradient: { $0.map { 6 * $0 } }, hessianTimes: { $1.map { 6 * $0 } })
  checkAdjointWrites(
    Float.self, n: n, dimension: n, tolerance: 1e-4,
    function: try CompiledFunction<Float>(dimension: n, weightedSquarePlusOne), value: value,
    gradient: { $0.map { 6 * $0 } }, hessianTimes: { $1.map { 6 * $0 } })
}

/// An addition is not fused with a weighted square when an instruction between them reads
/// what the square reads: in Σ b·a² + 3b² (b = x[:-1], a = x[1:]) the first product is
/// lowered, then the second, then the addition, so only the second, 3b², is fused.
@Test func weightedSquareSumKeepsTheAdjointOrder() throws {
  let f = try CompiledFunction<Double>(dimension: 1300, squaresTimesValues)
  let fused = f.program.elements.filter { $0.code == .multiplySquareAdd }
  #expect(fused.count == 1)
  #expect(fused.first?.aActive == false && fused.first?.a.stride == 0)
  #expect(f.program.elements.filter { $0.code == .multiplySquare }.count == 1)
}

@Test(arguments: adjointWriteSizes + threadedSizes)
func weightedSquareSumsGiveTheUnfusedBits(n: Int) throws {
  let bodies: [(String, (Variable<Double>) -> Variable<Double>)] = [
    ("chainedRosenbrock", chainedRosenbrock),
    ("squaresTimesValues", squaresTimesValues),
    ("weightedSquarePlusSharedTerm", weightedSquarePlusSharedTerm),
    ("weightedSquarePlusOne", weightedSquarePlusOne),
  ]
  for (name, body) in bodies {
    let f = try CompiledFunction<Double>(dimension: n, body)
    let unfused = withoutWeightedSquareSums(dimension: n, body)
    #expect(f.program.elements.contains { $0.code == .multiplySquareAdd }, "\(name)")
    #expect(!unfused.program.elements.contains { $0.code == .multiplySquareAdd }, "\(name)")
    for threads in [1, 2] {
      f.threadCount = threads
      unfused.threadCount = threads
      expectSameBits(f, unfused, n: n, "\(name), n = \(n), \(threads) threads")
    }
  }
  let bodiesFloat: [(Variable<Float>) -> Variable<Float>] = [
    chainedRosenbrock, squaresTimesValues, weightedSquarePlusSharedTerm, weightedSquarePlusOne,
  ]
  for body in bodiesFloat {
    let f = try CompiledFunction<Float>(dimension: n, body)
    expectSameBits(f, withoutWeightedSquareSums(dimension: n, body), n: n, "Float, n = \(n)")
  }
}
