import Autodiff
import Testing

/// The vector fast path keeps its buffers between calls, as the scalar one does (see
/// `CompiledScalarSweepStateTests`): a call at a point where some derivative is infinite or NaN
/// must leave nothing behind that a later call at an ordinary point reads.
struct CompiledVectorSweepStateTests {
  /// Functions of a 6-vector whose derivatives are infinite where a coordinate is 0 (√ at 0,
  /// log at 0), with constants, shifted slices and a reduction.
  static let functions: [@Sendable (Variable<Double>) -> Variable<Double>] = [
    { v in sum(sqrt(v) * 3 + v * v * 0.5) },
    { v in
      let head = v.slice(0, 5)
      let tail = v.slice(1, 6)
      return sum(sqrt(head * tail) + pow(tail - head * head, 2) * 10)
    },
    { v in sum(log(v) * 2 + exp(v * 0.25)) + dot(sqrt(v), v) },
  ]

  @Test(arguments: 0..<functions.count)
  func derivativesAfterANonFiniteSweepMatchTheGraph(_ index: Int) throws {
    let f = Self.functions[index]
    let n = 6
    let compiled = try CompiledFunction<Double>(dimension: n, f)
    let good = [0.7, 1.3, 0.4, 2.1, 0.9, 1.6]
    let direction = [1.0, -2.0, 0.5, 1.5, -1.0, 3.0]
    // Independent expected values: the define-by-run graph at the ordinary point.
    let leaf = Variable(good, requiresGrad: true)
    try f(leaf).backward()
    let expectedGradient = leaf.grad!.value.elements
    let expectedHessian = hessian(of: f, at: good)
    let expectedProduct = expectedHessian.map { row in
      zip(row, direction).reduce(0) { $0 + $1.0 * $1.1 }
    }

    let zeros = [Double](repeating: 0, count: n)
    var someZeros = good
    someZeros[2] = 0
    someZeros[5] = 0
    for bad in [zeros, someZeros] {
      var h = [Double](repeating: 0, count: n * n)
      var hv = [Double](repeating: 0, count: n)
      var g = [Double](repeating: 0, count: n)
      compiled.hessian(bad, into: &h)
      compiled.hessianVectorProduct(bad, direction, into: &hv)
      _ = compiled.gradient(bad, into: &g)

      compiled.hessianVectorProduct(good, direction, into: &hv)
      #expect(isClose(hv, expectedProduct, tolerance: 1e-10), "H·v after a sweep at \(bad)")
      _ = compiled.gradient(bad, into: &g)
      _ = compiled.gradient(good, into: &g)
      #expect(isClose(g, expectedGradient, tolerance: 1e-12), "gradient after a sweep at \(bad)")
      compiled.hessianVectorProduct(bad, direction, into: &hv)
      compiled.hessian(good, into: &h)
      let rows = (0..<n).map { Array(h[($0 * n)..<($0 * n + n)]) }
      #expect(isClose(rows, expectedHessian, tolerance: 1e-10), "Hessian after a sweep at \(bad)")
    }
  }
}
