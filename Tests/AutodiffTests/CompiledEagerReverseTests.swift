import Foundation
import Testing

@testable import Autodiff

// In a fused last stage, an instruction whose result adjoint is the sum's broadcast adjoint
// runs its reverse step in the forward pass, in the same loop as its value, when no later
// instruction writes the same adjoints. That promises the same bits as the reverse pass: each
// function below is run with and without the eager steps and compared bit for bit, across
// chunk and thread-block boundaries and at sizes that are not multiples of the chunk; the
// closed-form tests elsewhere (fusion, adjoint writes, threading) check the values.

/// The same program with every eager reverse step moved back to the reverse pass and, since
/// that changes which write comes first, every input window cleared before it is written.
func withoutEagerReverse<T>(_ f: CompiledFunction<T>) -> CompiledFunction<T> {
  let p = f.program
  var elements = Array(p.elements)
  for k in elements.indices { elements[k].reversesInForward = false }
  var stages = Array(p.stages)
  withoutFirstInputWrites(&elements, &stages)
  return CompiledFunction(
    program: Program(
      dimension: p.dimension, elements: elements, structurals: Array(p.structurals),
      stages: stages, registerInitial: p.registerInitial, localCount: p.localCount,
      scratchCount: p.scratchCount, output: p.output))
}

/// Undoes `planFirstInputWrite`: the first input writer accumulates into cleared windows.
func withoutFirstInputWrites(_ elements: inout [ElementInstruction], _ stages: inout [Stage]) {
  for k in stages.indices where stages[k].firstInputWriter >= 0 {
    let e = stages[k].firstInputWriter
    if elements[e].a.region == Region.input { elements[e].aAssigns = false }
    if elements[e].b.region == Region.input { elements[e].bAssigns = false }
    stages[k].firstInputWriter = -1
  }
}

/// The same program with input windows cleared before their first write, eager steps kept.
func withoutFirstInputWrite<T>(_ f: CompiledFunction<T>) -> CompiledFunction<T> {
  let p = f.program
  var elements = Array(p.elements)
  var stages = Array(p.stages)
  withoutFirstInputWrites(&elements, &stages)
  return CompiledFunction(
    program: Program(
      dimension: p.dimension, elements: elements, structurals: Array(p.structurals),
      stages: stages, registerInitial: p.registerInitial, localCount: p.localCount,
      scratchCount: p.scratchCount, output: p.output))
}

/// f = Σ x_i²: the square adds straight into the sum and writes the gradient eagerly.
/// ∇f = 2x, Hv = 2v.
func sumOfSquares<T>(_ x: Variable<T>) -> Variable<T> { sum(pow(x, 2)) }

var eagerBodies: [(String, (Variable<Double>) -> Variable<Double>, [ElementCode])] {
  [
    ("chainedRosenbrock", chainedRosenbrock, [.squareDifference, .multiplySquareAdd]),
    ("shiftedOneSum", ShiftedSquaresAndExponentials.oneSum, [.exp]),
    ("sumOfSquares", sumOfSquares, [.square]),
    // The squared difference writes the input before the subtraction does: it stays.
    ("squaredDifferences", squaredDifferences, [.multiply]),
  ]
}

var eagerFloatBodies: [(Variable<Float>) -> Variable<Float>] {
  [chainedRosenbrock, ShiftedSquaresAndExponentials.oneSum, sumOfSquares, squaredDifferences]
}

/// Value, gradient and Hessian–vector product of `f` and of `g` at two points, bit for bit.
func expectSameBits<T: DifferentiableScalar>(
  _ f: CompiledFunction<T>, _ g: CompiledFunction<T>, n: Int, _ what: String
) {
  for salt: UInt64 in [1, 2] {
    let x = points(n, salt: salt).map { T(1.5 * $0) }
    let v = points(n, salt: salt + 10).map { T($0) }
    var gf: [T] = []
    var gg: [T] = []
    let ff = f.gradient(x, into: &gf)
    let fg = g.gradient(x, into: &gg)
    #expect(bits([ff]) == bits([fg]), "value, \(what)")
    #expect(bits(gf) == bits(gg), "gradient, \(what)")
    var hf: [T] = []
    var hg: [T] = []
    f.hessianVectorProduct(x, v, into: &hf)
    g.hessianVectorProduct(x, v, into: &hg)
    #expect(bits(hf) == bits(hg), "Hv, \(what)")
  }
}

@Test(arguments: adjointWriteSizes + threadedSizes)
func eagerReverseGivesTheSameBits(n: Int) throws {
  for (name, body, eager) in eagerBodies {
    let f = try CompiledFunction<Double>(dimension: n, body)
    #expect(f.fusesLastStage, "\(name)")
    let marked = f.program.elements.filter(\.reversesInForward).map(\.code)
    // One-element groups are left to the scalar tape and are never planned.
    #expect(marked == (n > 1 ? eager : []), "\(name), n = \(n)")
    let reference = withoutEagerReverse(f)
    for threads in [1, 2] {
      f.threadCount = threads
      reference.threadCount = threads
      expectSameBits(f, reference, n: n, "\(name), n = \(n), \(threads) threads")
    }
  }
  for body in eagerFloatBodies {
    let f = try CompiledFunction<Float>(dimension: n, body)
    expectSameBits(f, withoutEagerReverse(f), n: n, "Float, n = \(n)")
  }
}

@Test(arguments: adjointWriteSizes + threadedSizes)
func sumOfSquaresMatchesClosedForm(n: Int) throws {
  checkAdjointWrites(
    Double.self, n: n, dimension: n, tolerance: 1e-12,
    function: try CompiledFunction<Double>(dimension: n, sumOfSquares),
    value: { $0.reduce(0) { $0 + $1 * $1 } }, gradient: { $0.map { 2 * $0 } },
    hessianTimes: { $1.map { 2 * $0 } })
  checkAdjointWrites(
    Float.self, n: n, dimension: n, tolerance: 1e-4,
    function: try CompiledFunction<Float>(dimension: n, sumOfSquares),
    value: { $0.reduce(0) { $0 + $1 * $1 } }, gradient: { $0.map { 2 * $0 } },
    hessianTimes: { $1.map { 2 * $0 } })
}

/// A later instruction writing the same adjoint keeps an earlier one in the reverse pass: in
/// Σ u·u + exp(u), the product's writes into ū would otherwise come before the exponential's.
@Test func sharedAdjointKeepsTheReverseOrder() throws {
  let f = try CompiledFunction<Double>(dimension: 1300, ShiftedSquaresAndExponentials.oneSum)
  let product = f.program.elements.first { $0.code == .multiply && $0.a == $0.b }
  #expect(product != nil)
  #expect(product?.reversesInForward == false)
}
