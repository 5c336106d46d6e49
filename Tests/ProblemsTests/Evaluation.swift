import Autodiff
import Foundation

@testable import Problems

/// The scope the expression tests evaluate in: a vector variable `x` = [1, 2, 3], a scalar
/// variable `y` = 0.5, a parameter `n` = 4, a constant vector `c` = [10, 20].
func testScope() -> Scope {
  var scope = Scope()
  scope.variables = [("x", .vector(3)), ("y", .scalar)]
  scope.parameters = ["n": 4]
  scope.constants = ["c": Tensor([10, 20])]
  return scope
}

let testInputs: [Double] = [1, 2, 3, 0.5]

/// Parses, checks and evaluates an expression at `testInputs`.
func evaluate(_ source: String, scope: Scope = testScope(), at x: [Double] = testInputs)
  throws(ExpressionError) -> Tensor<Double>
{
  let node = try Checker(scope: scope).check(Parser.parse(source))
  var offset = 0
  let inputs = scope.variables.map { v -> Variable<Double> in
    defer { offset += v.shape.count }
    let elements = Array(x[offset..<offset + v.shape.count])
    return Variable(v.shape.isScalar ? Tensor(elements[0]) : Tensor(elements))
  }
  return withoutGrad { node.lowered(on: inputs).value }
}

/// The scalar value of an expression, or NaN with the error recorded when it fails.
func scalar(_ source: String, scope: Scope = testScope()) throws -> Double {
  let t = try evaluate(source, scope: scope)
  guard t.isScalar else {
    throw ExpressionError(message: "not a scalar", range: .init(lower: 0, upper: 0))
  }
  return t.scalar
}

/// The message of the error an expression fails with, or nil if it does not fail.
func failure(_ source: String, scope: Scope = testScope()) -> ExpressionError? {
  do {
    _ = try evaluate(source, scope: scope)
    return nil
  } catch {
    return error
  }
}

/// Loads a problem from TOML text, named `test.toml` in messages.
func problem(_ toml: String, parameters: [String: Double] = [:], base: URL? = nil) throws
  -> Problem
{
  try ProblemCatalog.load(
    toml: toml, name: "test.toml", baseDirectory: base, parameters: parameters)
}

/// The message a problem fails to load with, or nil if it loads.
func loadFailure(_ toml: String, parameters: [String: Double] = [:], base: URL? = nil)
  -> ProblemError?
{
  do {
    _ = try ProblemCatalog.load(
      toml: toml, name: "test.toml", baseDirectory: base, parameters: parameters)
    return nil
  } catch {
    return error
  }
}

/// Tests/ProblemsTests/Fixtures, found from this source file.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("Fixtures")
