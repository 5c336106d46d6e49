import Autodiff
import Testing

/// The scalar fast path keeps its tangents between calls. Sweeps of different widths (forward
/// gradient: one per input; Hessian: n; Hessian–vector product: 1) lay them out differently, so
/// a sweep at a point where some derivative is infinite or NaN must not leave anything behind
/// that a later call at an ordinary point reads: such a leftover times a zero partial is NaN.
struct CompiledScalarSweepStateTests {
  /// Two-variable functions with a constant operand and a derivative that is infinite at 0
  /// (√ at 0, log at 0), so a call at a point with a zero coordinate leaves non-finite tangents.
  static let functions: [@Sendable (Variable<Double>) -> Variable<Double>] = [
    { v in sqrt(v[0]) * 3 + atan2(v[1], Variable(2.0)) + pow(v[0], 3) * v[1] },
    { v in sqrt(v[0] * v[1]) + abs(v[0] - 1) * 4 + tanh(v[1] * 2) },
    { v in log(v[0]) * 2 + sqrt(v[1]) * v[0] + exp(v[0] * 0.5) },
  ]

  @Test(arguments: 0..<functions.count)
  func derivativesAfterANonFiniteSweepMatchTheGraph(_ index: Int) throws {
    let f = Self.functions[index]
    let compiled = try CompiledFunction<Double>(dimension: 2, f)
    let good = [0.7, 1.3]
    let direction = [1.0, 2.0]
    // Independent expected values: the define-by-run graph at the ordinary point.
    let leaf = Variable(good, requiresGrad: true)
    try f(leaf).backward()
    let expectedGradient = leaf.grad!.value.elements
    let expectedHessian = hessian(of: f, at: good)
    let expectedProduct = expectedHessian.map { row in row[0] * direction[0] + row[1] * direction[1]
    }

    for bad in [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0]] {
      var h = [Double](repeating: 0, count: 4)
      var hv = [0.0, 0.0]
      var g = [0.0, 0.0]
      // Every order of widths: Hessian (2), product (1), gradient (2) at the bad point.
      compiled.hessian(bad, into: &h)
      compiled.hessianVectorProduct(bad, [1, 1], into: &hv)
      _ = compiled.gradient(bad, into: &g)
      compiled.hessianVectorProduct(bad, [1, 1], into: &hv)

      compiled.hessianVectorProduct(good, direction, into: &hv)
      #expect(isClose(hv, expectedProduct), "H·v after a sweep at \(bad)")
      _ = compiled.gradient(good, into: &g)
      #expect(isClose(g, expectedGradient), "gradient after a sweep at \(bad)")
      compiled.hessianVectorProduct(bad, [1, 1], into: &hv)
      compiled.hessian(good, into: &h)
      #expect(isClose([Array(h[0..<2]), Array(h[2..<4])], expectedHessian), "Hessian after \(bad)")
    }
  }
}
