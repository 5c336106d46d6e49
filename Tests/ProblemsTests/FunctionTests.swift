import Foundation
import Testing

@testable import Problems

/// Every function of the language against its Foundation counterpart.
@Suite struct FunctionTests {
  static let points = [-2.5, -0.3, 0.0, 0.7, 1.9]

  static let unary: [(String, @Sendable (Double) -> Double)] = [
    ("exp", Foundation.exp), ("log", Foundation.log), ("sqrt", Foundation.sqrt),
    ("abs", Swift.abs), ("sin", Foundation.sin), ("cos", Foundation.cos), ("tan", Foundation.tan),
    ("tanh", Foundation.tanh), ("atan", Foundation.atan), ("sinh", Foundation.sinh),
    ("cosh", Foundation.cosh), ("log1p", Foundation.log1p), ("expm1", Foundation.expm1),
    ("asin", Foundation.asin), ("acos", Foundation.acos), ("asinh", Foundation.asinh),
    ("sigmoid", { 1 / (1 + Foundation.exp(-$0)) }),
    ("softplus", { Foundation.log1p(Foundation.exp($0)) }), ("erf", Foundation.erf),
  ]

  /// Same value, or both NaN; 1 ulp-ish relative slack for the elementary functions.
  func agree(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return Swift.abs(a - b) <= 4 * Double.ulpOfOne * Swift.max(Swift.abs(a), Swift.abs(b))
  }

  @Test(arguments: FunctionTests.unary.map(\.0))
  func unaryFunctionsMatchFoundation(name: String) throws {
    let reference = FunctionTests.unary.first { $0.0 == name }!.1
    var scope = Scope()
    scope.variables = [("v", .vector(FunctionTests.points.count))]
    for p in FunctionTests.points {
      let value = try #require(try? evaluate("\(name)(t)", scope: scalarScope(p), at: []))
      #expect(
        agree(value.scalar, reference(p)), "\(name)(\(p)): \(value.scalar) vs \(reference(p))")
    }
    // Element-wise on a vector, at the same points.
    let vector = try evaluate("\(name)(v)", scope: scope, at: FunctionTests.points)
    for (i, p) in FunctionTests.points.enumerated() {
      #expect(agree(vector.elements[i], reference(p)))
    }
  }

  func scalarScope(_ t: Double, _ u: Double = 0) -> Scope {
    var scope = Scope()
    scope.parameters = ["t": t, "u": u]
    return scope
  }

  @Test func binaryFunctionsMatchFoundation() throws {
    let pairs = [(-2.5, 0.7), (0.3, -1.9), (2.0, 3.0), (-2.0, 3.0), (0.0, 0.0), (1.5, -0.5)]
    for (a, b) in pairs {
      let scope = scalarScope(a, b)
      #expect(agree(try scalar("atan2(t, u)", scope: scope), Foundation.atan2(a, b)))
      #expect(agree(try scalar("pow(t, u)", scope: scope), Foundation.pow(a, b)))
      #expect(agree(try scalar("t ^ u", scope: scope), Foundation.pow(a, b)))
      #expect(try scalar("min(t, u)", scope: scope) == Swift.min(a, b))
      #expect(try scalar("max(t, u)", scope: scope) == Swift.max(a, b))
      #expect(agree(try scalar("hypot(t, u)", scope: scope), Foundation.hypot(a, b)))
      let m = Swift.max(a, b)
      let lse = m + Foundation.log(Foundation.exp(a - m) + Foundation.exp(b - m))
      #expect(agree(try scalar("logsumexp([t, u])", scope: scope), lse))
    }
  }

  @Test func minAndMaxPropagateNaNAndWorkElementwise() throws {
    #expect(try scalar("min(sqrt(-1), 1)").isNaN)
    #expect(try scalar("max(1, sqrt(-1))").isNaN)
    #expect(try evaluate("min(x, 2)") == .init([1, 2, 2]))
    #expect(try evaluate("max(x, [3, 1, 2])") == .init([3, 2, 3]))
  }

  @Test func unknownFunctionsAndWrongArityAreErrors() {
    let unknown = failure("sine(y)")
    #expect(unknown?.message.contains("unknown function 'sine'") == true)
    #expect(unknown?.message.contains("did you mean 'sin'") == true)
    #expect(failure("atan2(y)")?.message == "'atan2' takes 2 arguments, given 1")
    #expect(failure("exp(y, y)")?.message == "'exp' takes 1 argument, given 2")
    #expect(failure("sum()")?.message == "'sum' takes 1 argument, given 0")
  }
}
