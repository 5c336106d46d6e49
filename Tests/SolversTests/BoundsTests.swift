import Autodiff
import OptimizationCore
import Solvers
import Testing
import _TestSupport

/// The box itself: what it refuses, its projection and the projected gradient, checked by hand.
@Suite struct BoundsTests {
  @Test func refusesBoxesThatAreNotBoxes() {
    let cases: [([Double], [Double], String)] = [
      ([0, 0], [1], "lower has 2 values but upper has 1"),
      ([0, 2], [1, 1], "lower bound 1 is 2.0, above its upper bound 1.0"),
      ([.nan], [1], "bound 0 is NaN"),
      ([.infinity], [.infinity], "lower bound 0 is inf"),
      ([-.infinity], [-.infinity], "upper bound 0 is -inf"),
    ]
    for (lower, upper, message) in cases {
      #expect(throws: BoundsError.self) { try Bounds(lower: lower, upper: upper) }
      do {
        _ = try Bounds(lower: lower, upper: upper)
      } catch {
        #expect(error.description.contains(message), "\(error)")
      }
    }
    // A fixed variable (l = u) is a box.
    #expect((try? Bounds<Double>(lower: [1], upper: [1])) != nil)
  }

  @Test func projectionAndProjectedGradientByHand() throws {
    let box = try Bounds<Double>(lower: [0, -.infinity, -1], upper: [1, 2, .infinity])
    #expect(box.project([-3, 5, 0.5]) == [0, 2, 0.5])
    #expect(box.contains([0, 2, 7]) && !box.contains([0, 2.5, 7]))
    // At x = (0, 2, 0.5) with g = (3, −4, 0.25): x[0] on its lower bound with g pushing down,
    // x[1] on its upper bound with g pushing up: both components vanish; x[2] is free.
    #expect(box.projectedGradient(at: [0, 2, 0.5], gradient: [3, -4, 0.25]) == [0, 0, 0.25])
    // Inward gradients at a bound are kept, but a step that would cross the other bound is cut
    // to it: x[0] = 0 with g = −3 can move only 1 up, to its upper bound 1; x[2] = 0.5 with
    // g = 10 only 1.5 down, to −1; x[1] = 2 with g = 4 moves freely down.
    #expect(box.projectedGradient(at: [0, 2, 0.5], gradient: [-3, 4, 10]) == [-1, 4, 1.5])
    #expect(
      box.active(at: [0, 2, 0.5]) == [
        ActiveBound(index: 0, side: .lower), ActiveBound(index: 1, side: .upper),
      ])
  }

  @Test func libraryRefusesBoundsAMethodCannotKeep() throws {
    let box = try Bounds<Double>(lower: [-.infinity, -.infinity], upper: [0.5, .infinity])
    let options = SolverOptions<Double>(bounds: box)
    let f = { (x: Variable<Double>) -> Variable<Double> in
      100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2)
    }
    #expect(throws: MinimizeError.self) {
      try minimize(f, from: [-1.2, 1], method: BFGS(), options: options)
    }
    do {
      _ = try minimize(f, from: [-1.2, 1], method: BFGS(), options: options)
    } catch {
      #expect(error.description.contains("bfgs does not handle bounds"), "\(error)")
    }
    let wrongLength = SolverOptions<Double>(bounds: try Bounds(lower: [0], upper: [1]))
    #expect(throws: MinimizeError.self) {
      try minimize(f, from: [-1.2, 1], method: LBFGSB(), options: wrongLength)
    }
    // Called directly, an unbounded method given a box ends at once instead of leaving it.
    let direct = BFGS().minimize(
      TestObjectives.rosenbrock(2, as: Double.self), from: [-1.2, 1], options: options)
    #expect(direct.status == .failed && direct.counts.gradient == 0, "\(direct.message)")
    #expect(direct.message.contains("does not handle bounds"))
    // Through `minimize`, a bounded method solves it on the bound (x* = (0.5, 0.25), by hand).
    let solved = try minimize(f, from: [-1.2, 1], method: LBFGSB(), options: options)
    #expect(
      solved.result.x[0] == 0.5 && abs(solved.result.x[1] - 0.25) < 1e-7, "\(solved.result.x)")
  }
}
