import Foundation
import Testing
import _TestSupport

@testable import Problems

/// Minibatch gradients of the decay fit, r_i = a·exp(−k·tᵢ) − yᵢ with the mean loss, against
/// the per-row gradients derived by hand: ∂(rᵢ²)/∂a = 2rᵢ·e^(−k tᵢ),
/// ∂(rᵢ²)/∂k = −2rᵢ·a·tᵢ·e^(−k tᵢ), summed over the batch and divided by its size.
@Suite struct RowwiseBatchTests {
  /// The (t, y) rows of problems/decay.csv, read here apart from the loader.
  static func decayRows() throws -> [(t: Double, y: Double)] {
    let file = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("problems/decay.csv")
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").dropFirst()
    return try lines.map { line in
      let fields = line.split(separator: ",").map { Double($0) }
      return (try #require(fields[0]), try #require(fields[1]))
    }
  }

  @Test func decayBatchGradientIsTheSumOfHandDerivedRowGradients() throws {
    let p = try ProblemCatalog.load("decay")
    let data = try Self.decayRows()
    #expect(data.count == 1000)
    #expect(RowwiseResidual(residuals: p.residualNodes, variables: p.variables) != nil)
    let objective = p.makeObjective(Double.self)
    #expect(objective.sampleCount == 1000)
    let x = [1.7, 0.9]
    // Batches up to m/8 = 125 rows take the row-wise path, larger ones the full one.
    let rowSets = [[0], [3, 17, 17, 999], (0..<125).map { 8 * $0 }, (0..<300).map { 3 * $0 }]
    for rows in rowSets {
      var f = 0.0
      var expected = [0.0, 0.0]
      for i in rows {
        let (t, y) = data[i]
        let e = Foundation.exp(-x[1] * t)
        let r = x[0] * e - y
        f += r * r
        expected[0] += 2 * r * e
        expected[1] += -2 * r * x[0] * t * e
      }
      let b = Double(rows.count)
      var g = [Double]()
      let value = try objective.batchGradient(x, rows: rows, into: &g)
      #expect(Swift.abs(value - f / b) <= 1e-12 * Swift.max(1, f / b))
      #expect(
        maxDifference(g, expected.map { $0 / b }) <= 1e-12
          * Swift.max(1, expected.map(Swift.abs).max()! / b), "rows \(rows.prefix(4))…: \(g)")
    }
  }

  @Test func everyRowOnceIsTheFullGradient() throws {
    let p = try ProblemCatalog.load("decay")
    let objective = p.makeObjective(Double.self)
    let x = p.start
    var batch = [Double]()
    var full = [Double]()
    let fBatch = try objective.batchGradient(x, rows: Array(0..<1000), into: &batch)
    let fFull = try objective.gradient(x, into: &full)
    #expect(Swift.abs(fBatch - fFull) <= 1e-12 * fFull)
    #expect(maxDifference(batch, full) <= 1e-12 * full.map(Swift.abs).max()!)
  }

  /// Residuals that mix rows (a vector variable, several expressions) keep the general path.
  @Test func residualsThatAreNotRowWiseAreRecognised() throws {
    let p = try problem(CompiledProblemTests.residualProblem)
    #expect(RowwiseResidual(residuals: p.residualNodes, variables: p.variables) == nil)
  }
}
