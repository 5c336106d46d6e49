import Autodiff
import Foundation
import Testing

/// A plain number beside a scalar variable (`3 * x`, `x + 1`, `pow(x, 2)`) is kept inside the
/// node that uses it; it must behave exactly as the constant leaf it stands for.
@Suite struct InlineConstantTests {
  @Test func inputsListTheNumberAsOneConstantLeaf() throws {
    let x = input(0.7)
    let y = 3 * x
    let inputs = y.inputs
    #expect(inputs.count == 2)
    #expect(inputs[0].isLeaf && !inputs[0].requiresGrad && inputs[0].scalar == 3)
    #expect(inputs[1] === x)
    // Read again, the list names the same leaf: code keyed on node identity stays valid.
    #expect(y.inputs[0] === inputs[0])
    #expect(y.op == .multiply)
  }

  /// d/dx of each binary operation with the number c = 2.5 on either side, at x = 0.7, against
  /// its closed form.
  @Test func gradientsOnEitherSideMatchClosedForms() throws {
    let x = 0.7
    let c = 2.5
    let cases: [(String, (Variable<Double>) -> Variable<Double>, Double)] = [
      ("x + c", { $0 + c }, 1), ("c + x", { c + $0 }, 1),
      ("x - c", { $0 - c }, 1), ("c - x", { c - $0 }, -1),
      ("x * c", { $0 * c }, c), ("c * x", { c * $0 }, c),
      ("x / c", { $0 / c }, 1 / c), ("c / x", { c / $0 }, -c / (x * x)),
      ("pow(x, c)", { pow($0, c) }, c * Foundation.pow(x, c - 1)),
      ("pow(c, x)", { pow(c, $0) }, Foundation.pow(c, x) * Foundation.log(c)),
    ]
    for (name, f, expected) in cases {
      let d = try backwardDerivative(f, at: x)
      #expect(isClose(d, expected, tolerance: 1e-14), "\(name): \(d) vs \(expected)")
    }
  }

  @Test func recordedPassesDifferentiateThroughTheNumber() {
    // d²/dx² of 3x² is 6; of x³ at 2 it is 12; of 2^x at 1 it is 2·ln²2.
    #expect(derivative(of: { 3 * $0 * $0 }, at: 0.7, order: 2) == 6)
    #expect(derivative(of: { pow($0, 3) }, at: 2, order: 2) == 12)
    let d2 = derivative(of: { pow(2, $0) }, at: 1, order: 2)
    #expect(isClose(d2, 2 * Foundation.log(2) * Foundation.log(2), tolerance: 1e-14))
  }

  @Test func readingInputsBeforeBackwardChangesNoGradient() throws {
    let a = input(1.5)
    let ya = (2 - a) * (a / 4) + pow(a, 2)
    _ = ya.inputs.map(\.inputs)
    try ya.backward()
    let b = input(1.5)
    try ((2 - b) * (b / 4) + pow(b, 2)).backward()
    // d/dx [(2 − x)·x/4 + x²] = (2 − 2x)/4 + 2x = 2.75 at 1.5.
    #expect(a.grad!.scalar == b.grad!.scalar)
    #expect(isClose(a.grad!.scalar, 2.75, tolerance: 1e-15))
  }

  @Test func aNumberBesideAVectorStillBroadcasts() throws {
    let v = input([1.0, 2, 3])
    try sum(2 * v - 1).backward()
    #expect(gradientElements(v) == [2, 2, 2])
  }
}
