import Autodiff
import OptimizationCore

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator so minibatch runs are
/// reproducible from `SolverOptions.seed`.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Minibatches as PyTorch's DataLoader(shuffle=True) draws them: each epoch is a fresh
/// permutation of the rows, cut into consecutive batches (the last may be shorter).
struct MinibatchSampler {
  let sampleCount: Int
  let batchSize: Int
  private var generator: SeededGenerator
  private var order: [Int] = []
  private var position = 0

  init(sampleCount: Int, batchSize: Int, seed: UInt64) {
    self.sampleCount = sampleCount
    self.batchSize = Swift.max(1, Swift.min(batchSize, sampleCount))
    generator = SeededGenerator(seed: seed)
  }

  mutating func nextBatch() -> [Int] {
    if position >= order.count {
      order = Array(0..<sampleCount).shuffled(using: &generator)
      position = 0
    }
    let end = Swift.min(position + batchSize, order.count)
    defer { position = end }
    return Array(order[position..<end])
  }
}
