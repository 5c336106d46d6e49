import Autodiff
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// The first iterates of the first-order methods on f = ½·a·x² (∇f = a·x) with a = 2, x₀ = 1,
/// against PyTorch's update rules written out by hand.
@Suite struct FirstOrderIterateTests {
  func iterates(_ solver: some Solver, steps: Int) -> [Double] {
    var options = SolverOptions<Double>()
    options.maxIterations = steps
    let result = solver.minimize(
      TestObjectives.halfScaledSquare(2.0), from: [1], options: options)
    return result.trace.map { $0.x[0] }
  }

  @Test func sgdFollowsTheClosedForm() {
    // x_{k+1} = (1 − lr·a)·x_k = 0.8·x_k
    let xs = iterates(SGD(learningRate: 0.1), steps: 6)
    #expect(xs.count == 7)
    for (k, x) in xs.enumerated() {
      let expected = (0..<k).reduce(1.0) { value, _ in value * 0.8 }
      #expect(abs(x - expected) <= 1e-15, "k = \(k)")
    }
  }

  @Test func momentumMatchesPyTorchRecurrence() {
    // b₁ = g₀ = 2 → x₁ = 1 − 0.1·2 = 0.8; g₁ = 1.6, b₂ = 0.9·2 + 1.6 = 3.4 → x₂ = 0.46;
    // g₂ = 0.92, b₃ = 0.9·3.4 + 0.92 = 3.98 → x₃ = 0.062.
    let xs = iterates(Momentum(learningRate: 0.1, momentum: 0.9), steps: 3)
    #expect(maxDifference(xs, [1, 0.8, 0.46, 0.062]) <= 1e-14, "\(xs)")
  }

  @Test func dampenedMomentumStartsTheBufferUndamped() {
    // d = 0.5: b₁ = g₀ = 2 (PyTorch skips dampening on the first step) → x₁ = 0.8;
    // g₁ = 1.6, b₂ = 0.9·2 + 0.5·1.6 = 2.6 → x₂ = 0.54; g₂ = 1.08, b₃ = 2.34 + 0.54 = 2.88
    // → x₃ = 0.252.
    let xs = iterates(Momentum(learningRate: 0.1, momentum: 0.9, dampening: 0.5), steps: 3)
    #expect(maxDifference(xs, [1, 0.8, 0.54, 0.252]) <= 1e-14, "\(xs)")
  }

  @Test func nesterovMatchesPyTorchRecurrence() {
    // b₁ = 2, step g₀ + 0.9·b₁ = 3.8 → x₁ = 0.62; g₁ = 1.24, b₂ = 1.8 + 1.24 = 3.04,
    // step 1.24 + 0.9·3.04 = 3.976 → x₂ = 0.2224.
    let xs = iterates(Momentum(learningRate: 0.1, momentum: 0.9, nesterov: true), steps: 2)
    #expect(maxDifference(xs, [1, 0.62, 0.2224]) <= 1e-14, "\(xs)")
  }

  @Test func adamMatchesPyTorchRecurrence() {
    let lr = 0.1
    let eps = 1e-8
    // Step 1: m̂ = g₀ = 2, v̂ = g₀² = 4 → x₁ = 1 − lr·2/(2 + ε).
    let x1 = 1 - lr * 2 / (2 + eps)
    // Step 2: g₁ = 2x₁, m = 0.9·0.1·2 + 0.1·g₁, v = 0.999·0.001·4 + 0.001·g₁²,
    // bias corrections 1 − 0.9² = 0.19 and 1 − 0.999² = 0.001999.
    let g1 = 2 * x1
    let m = 0.9 * 0.2 + 0.1 * g1
    let v = 0.999 * 0.004 + 0.001 * g1 * g1
    let x2 = x1 - lr * (m / 0.19) / ((v / 0.001999).squareRoot() + eps)
    let xs = iterates(Adam(learningRate: lr), steps: 2)
    #expect(abs(xs[1] - x1) <= 1e-15)
    #expect(abs(xs[2] - x2) <= 1e-14)
  }

  @Test func minibatchSGDIsReproducibleAndReachesTheSampleMean() {
    let samples: [[Double]] = (0..<40).map { i in [Double(i % 7) - 3, Double(i % 5) * 0.5] }
    let mean = [
      samples.map { $0[0] }.reduce(0, +) / 40, samples.map { $0[1] }.reduce(0, +) / 40,
    ]
    var options = SolverOptions<Double>()
    options.maxIterations = 3000
    options.seed = 42
    let solver = SGD(learningRate: 0.01, batchSize: 8)
    let a = solver.minimize(
      TestObjectives.meanSquaredDistance(samples: samples), from: [5, 5], options: options)
    let b = solver.minimize(
      TestObjectives.meanSquaredDistance(samples: samples), from: [5, 5], options: options)
    #expect(a.trace.map(\.x) == b.trace.map(\.x))
    // Minibatch noise keeps the iterate near, not at, the mean.
    #expect(abs(a.x[0] - mean[0]) < 0.2 && abs(a.x[1] - mean[1]) < 0.2, "\(a.x) vs \(mean)")
    options.seed = 43
    let c = solver.minimize(
      TestObjectives.meanSquaredDistance(samples: samples), from: [5, 5], options: options)
    #expect(c.trace.map(\.x) != a.trace.map(\.x))
  }
}
