import Testing

@testable import Autodiff
@testable import Problems

/// The lists of element-wise operations — `Op`, `ElementCode` and its rule dispatch, the
/// expression language's `Function` (from which the fuzzer draws) — name the same primitives.
@Suite struct PrimitiveListTests {
  /// The codes the lowering makes on its own: variants and fusions of the primitives, and sums.
  static var internalCodes: Set<ElementCode> {
    [
      .powerConstantExponent, .square, .sum, .subtractSquare, .multiplySquare, .squareDifference,
      .multiplySquareAdd,
    ]
  }

  @Test func everyFunctionOfOneOperandIsInTheExpressionLanguage() throws {
    for code in ElementCode.allCases where !Self.internalCodes.contains(code) && !code.isBinary {
      guard code != .negate else { continue }  // The language's unary minus.
      let function = try #require(Function(rawValue: "\(code)"), "\(code) has no function")
      let op = try #require(function.elementwiseOp, "\(code) is not element-wise in the language")
      #expect(op.elementCode == code, "\(function) reaches \(op), not \(code)")
      #expect(op.description == "\(code)")
      #expect(op.isUnary && function.arity == 1)
    }
  }

  @Test func everyElementwiseFunctionOfTheLanguageHasARule() {
    for function in Function.allCases {
      guard let op = function.elementwiseOp else { continue }
      let code = op.elementCode
      #expect(code != nil, "\(function) has no element code")
      if let code {
        #expect(!Self.internalCodes.contains(code))
        #expect(code.isBinary == (function.arity == 2), "\(function): arity and rule differ")
      }
    }
  }

  @Test func theFuzzerDrawsFromTheLanguagesFunctions() {
    let names = Set(Function.allCases.map(\.rawValue))
    #expect(Set(expressionFunctionNames(arity: 1) + expressionFunctionNames(arity: 2)) == names)
  }
}
