import Testing

@testable import Autodiff

// In a fused last stage that clears input-adjoint windows, the first write of each chunk into
// the input's adjoints assigns, and the elements of its window that earlier chunks (or other
// thread blocks) wrote are saved and added back. That promises the same bits as clearing the
// window and accumulating: checked against the same program without it, across chunk and
// thread-block boundaries, at sizes that are not multiples of the chunk. The values themselves
// are checked against closed forms by the fusion, adjoint-write and threading tests.

/// The first input writer of each function, its input offset, and the program's last stage.
func firstInputWrite<T>(_ f: CompiledFunction<T>) -> (code: ElementCode?, offset: Int) {
  guard let stage = f.program.stages.last, stage.firstInputWriter >= 0 else { return (nil, 0) }
  return (f.program.elements[stage.firstInputWriter].code, stage.firstInputOffset)
}

@Test(arguments: adjointWriteSizes + threadedSizes)
func firstInputWriteGivesTheSameBits(n: Int) throws {
  // The chained Rosenbrock's (1 − x)² writes x̄[:-1] first, eagerly; the shifted chain's
  // subtraction writes x̄[3:] first, in the reverse pass.
  let cases: [(String, (Variable<Double>) -> Variable<Double>, ElementCode, Int)] = [
    ("chainedRosenbrock", chainedRosenbrock, .squareDifference, 0),
    ("shiftedOneSum", ShiftedSquaresAndExponentials.oneSum, .subtract, 3),
    ("sumOfSquares", sumOfSquares, .square, 0),
  ]
  for (name, body, code, offset) in cases {
    let f = try CompiledFunction<Double>(dimension: n, body)
    let first = firstInputWrite(f)
    #expect(first.code == code && first.offset == offset, "\(name)")
    let reference = withoutFirstInputWrite(f)
    #expect(firstInputWrite(reference).code == nil)
    for threads in [1, 2] {
      f.threadCount = threads
      reference.threadCount = threads
      expectSameBits(f, reference, n: n, "\(name), n = \(n), \(threads) threads")
    }
  }
  for body in [chainedRosenbrock, ShiftedSquaresAndExponentials.oneSum]
    as [(Variable<Float>) -> Variable<Float>]
  {
    let f = try CompiledFunction<Float>(dimension: n, body)
    expectSameBits(f, withoutFirstInputWrite(f), n: n, "Float, n = \(n)")
  }
}

/// An instruction writing two input operands in one loop cannot assign either: in
/// Σ (a − b²)² over two inputs, the fused a − b² writes both, so every window is cleared.
@Test func twoInputWritesKeepTheClearing() throws {
  func body<T>(_ inputs: [Variable<T>]) -> Variable<T> {
    let r = inputs[0] - inputs[1] * inputs[1]
    return sum(r * r)
  }
  let f = try CompiledFunction<Double>(inputs: [.vector(1300), .vector(1300)], body)
  #expect(f.clearsInputWindows)
  #expect(firstInputWrite(f).code == nil)
}
