import Testing

@testable import Autodiff

// A long chain ending in its sum runs in fixed blocks over several threads. Its results must
// not depend on the thread count, to the last bit, and must match the closed forms: at block
// boundaries shifted slices write the adjoint of one input element from two blocks. The
// sizes put the last (partial) block at an odd index and at an even one.
let threadedSizes = [
  5 * ThreadedLastStage<Double>.blockLength + 300 + 1,
  4 * ThreadedLastStage<Double>.blockLength + 1000 + 1,
]

func bits<T>(_ x: [T]) -> [UInt8] { x.withUnsafeBytes { Array($0) } }

/// Value, gradient and Hessian–vector product at x along v, each at 1 thread and at 2:
/// returns the 1-thread results after checking that the 2-thread ones are the same bits.
func resultsIndependentOfThreads<T: DifferentiableScalar>(
  _ f: CompiledFunction<T>, _ x: [T], _ v: [T]
) -> (value: T, gradient: [T], hv: [T]) {
  var results: [(T, [T], [T])] = []
  for threads in [1, 2] {
    f.threadCount = threads
    var g: [T] = []
    var hv: [T] = []
    let value = f.gradient(x, into: &g)
    f.hessianVectorProduct(x, v, into: &hv)
    results.append((value, g, hv))
  }
  let (one, two) = (results[0], results[1])
  #expect(bits([one.0]) == bits([two.0]), "value")
  #expect(bits(one.1) == bits(two.1), "gradient")
  #expect(bits(one.2) == bits(two.2), "Hv")
  return one
}

@Test(arguments: threadedSizes)
func threadedRosenbrockMatchesHandDerivation(n: Int) throws {
  let x = points(n, salt: 3).map { 1.5 * $0 }
  let v = points(n, salt: 4)
  let double = try CompiledFunction<Double>(dimension: n, chainedRosenbrock)
  #expect(double.threaded != nil)
  let d = resultsIndependentOfThreads(double, x, v)
  expectClose([d.value], [rosenbrockValue(x)], tolerance: 1e-12, "f")
  expectClose(d.gradient, rosenbrockGradient(x), tolerance: 1e-12, "gradient")
  expectClose(d.hv, rosenbrockHessianTimes(x, v), tolerance: 1e-12, "Hv")

  let float = try CompiledFunction<Float>(dimension: n, chainedRosenbrock)
  let xf = x.map { Float($0) }
  let f = resultsIndependentOfThreads(float, xf, v.map { Float($0) })
  let xr = xf.map { Double($0) }
  // The value sums about 10⁵ terms of up to ~10³: relative to the total, Float's rounding.
  expectClose([f.value / 1e5], [rosenbrockValue(xr) / 1e5], tolerance: 1e-4, "f")
  expectClose(f.gradient, rosenbrockGradient(xr), tolerance: 1e-4, "gradient")
  expectClose(f.hv, rosenbrockHessianTimes(xr, v), tolerance: 1e-4, "Hv")
}

/// Slices three elements apart: adjoint writes reach three elements into the next block.
@Test(arguments: threadedSizes)
func threadedShiftedChainMatchesHandDerivation(n: Int) throws {
  typealias F = ShiftedSquaresAndExponentials
  let double = try CompiledFunction<Double>(dimension: n, F.oneSum)
  #expect(double.threaded != nil)
  let x = points(n, salt: 5)
  let v = points(n, salt: 6)
  let d = resultsIndependentOfThreads(double, x, v)
  expectClose([d.value / Double(n)], [F.value(x) / Double(n)], tolerance: 1e-12, "f")
  expectClose(d.gradient, F.gradient(x), tolerance: 1e-12, "gradient")
  expectClose(d.hv, F.hessianTimes(x, v), tolerance: 1e-12, "Hv")
  // A second point: nothing of the first call may leak into the adjoints.
  let y = points(n, salt: 7)
  let e = resultsIndependentOfThreads(double, y, v)
  expectClose(e.gradient, F.gradient(y), tolerance: 1e-12, "gradient at y")
}

/// Short chains, and chains whose sum is not the output's only use, stay sequential.
@Test func shortOrUnsplittableChainsAreNotThreaded() throws {
  let short = try CompiledFunction<Double>(
    dimension: ThreadedLastStage<Double>.minimumLength, chainedRosenbrock)
  #expect(short.threaded == nil)
  let twoSums = try CompiledFunction<Double>(
    dimension: threadedSizes[0], ShiftedSquaresAndExponentials.twoSums)
  #expect(twoSums.threaded == nil)
}
