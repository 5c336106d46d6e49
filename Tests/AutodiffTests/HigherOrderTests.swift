import Autodiff
import Foundation
import Testing

/// Second and higher derivatives through recorded backward passes.
@Suite struct HigherOrderTests {
  @Test(arguments: [0.3, 0.8, 1.7])
  func secondDerivativeOfEveryUnaryFunction(x: Double) {
    // Closed forms: exp'' = exp, log'' = −1/x², sqrt'' = −¼x^(−3/2), sin'' = −sin,
    // cos'' = −cos, tan'' = 2 tan·sec², tanh'' = −2 tanh·sech², atan'' = −2x/(1+x²)²,
    // (x⁴)'' = 12x², (2^x)'' = 2^x·log²2, abs'' = 0 away from 0.
    let sec2 = 1 / (Foundation.cos(x) * Foundation.cos(x))
    let sech2 = 1 / (Foundation.cosh(x) * Foundation.cosh(x))
    let cases: [(String, (Variable<Double>) -> Variable<Double>, Double)] = [
      ("exp", { exp($0) }, Foundation.exp(x)),
      ("log", { log($0) }, -1 / (x * x)),
      ("sqrt", { sqrt($0) }, -0.25 * Foundation.pow(x, -1.5)),
      ("sin", { sin($0) }, -Foundation.sin(x)),
      ("cos", { cos($0) }, -Foundation.cos(x)),
      ("tan", { tan($0) }, 2 * Foundation.tan(x) * sec2),
      ("tanh", { tanh($0) }, -2 * Foundation.tanh(x) * sech2),
      ("atan", { atan($0) }, -2 * x / ((1 + x * x) * (1 + x * x))),
      ("x^4", { pow($0, 4) }, 12 * x * x),
      ("2^x", { pow(2, $0) }, Foundation.pow(2, x) * Foundation.log(2.0) * Foundation.log(2.0)),
      ("abs", { abs($0) }, 0),
      ("1/x", { 1 / $0 }, 2 / (x * x * x)),
    ]
    for (name, f, expected) in cases {
      #expect(isClose(derivative(of: f, at: x, order: 2), expected, tolerance: 1e-12), "\(name)")
    }
  }

  @Test func thirdDerivatives() {
    // (x³)''' = 6; (eˣ)''' = eˣ; sin''' = −cos; (x^x)''' is not needed: pow with variable
    // exponent, a^b at b = a is covered by the property tests.
    #expect(derivative(of: { $0 * $0 * $0 }, at: 1.0, order: 3) == 6)
    #expect(derivative(of: { pow($0, 3) }, at: -2.0, order: 3) == 6)
    #expect(isClose(derivative(of: { exp($0) }, at: 0.5, order: 3), Foundation.exp(0.5)))
    #expect(isClose(derivative(of: { sin($0) }, at: 0.5, order: 3), -Foundation.cos(0.5)))
    // Fourth derivative of x⁵ = 120x at 2 = 240.
    #expect(derivative(of: { pow($0, 5) }, at: 2.0, order: 4) == 240)
  }

  @Test func hessianOfAPolynomialInThreeVariables() {
    // f = x₀²x₁ + x₁x₂³ at (1, 2, 3): H = [[2x₁, 2x₀, 0], [2x₀, 0, 3x₂²], [0, 3x₂², 6x₁x₂]]
    //   = [[4, 2, 0], [2, 0, 27], [0, 27, 36]].
    let f: (Variable<Double>) -> Variable<Double> = { x in
      x[0] * x[0] * x[1] + x[1] * pow(x[2], 3)
    }
    #expect(hessian(of: f, at: [1, 2, 3]) == [[4, 2, 0], [2, 0, 27], [0, 27, 36]])
  }

  @Test func hessianOfProductWithZerosIsExact() {
    // f = x₀x₁x₂ at (0, 3, 0): H = [[0, x₂, x₁], [x₂, 0, x₀], [x₁, x₀, 0]] = [[0, 0, 3], [0, 0, 0], [3, 0, 0]].
    #expect(hessian(of: { prod($0) }, at: [0, 3, 0]) == [[0, 0, 3], [0, 0, 0], [3, 0, 0]])
  }

  @Test func hessianVectorProductMatchesHessianTimesVector() {
    // Same f as above: H·(1, −1, 2) = (4 − 2, 2 + 54, −27 + 72) = (2, 56, 45).
    let f: (Variable<Double>) -> Variable<Double> = { x in
      x[0] * x[0] * x[1] + x[1] * pow(x[2], 3)
    }
    #expect(hessianVectorProduct(of: f, at: [1, 2, 3], along: [1, -1, 2]) == [2, 56, 45])
  }

  @Test func jacobianOfAVectorFunction() {
    // F(x) = (x₀x₁, sin x₀, x₁²) at (2, 3): J = [[3, 2], [cos 2, 0], [0, 6]].
    let j = jacobian(of: { x in concat([x[0] * x[1], sin(x[0]), x[1] * x[1]]) }, at: [2, 3])
    #expect(isClose(j, [[3, 2], [Foundation.cos(2.0), 0], [0, 6]]))
    // Element-wise: F(x) = x² has J = diag(2x).
    #expect(jacobian(of: { $0 * $0 }, at: [1, -2]) == [[2, 0], [0, -4]])
  }

  @Test func hessianOfAFunctionNotDependingOnXIsZero() {
    #expect(hessian(of: { _ in Variable(5.0) }, at: [1, 2]) == [[0, 0], [0, 0]])
    #expect(gradient(of: { _ in Variable(5.0) }, at: [1, 2]) == [0, 0])
  }

  @Test func hessianOfLinearFunctionIsZero() {
    #expect(hessian(of: { x in 3 * x[0] - x[1] }, at: [1, 2]) == [[0, 0], [0, 0]])
  }

  @Test func backwardWithCreateGraphFillsDifferentiableGrad() throws {
    // x.grad = 3x² recorded; differentiating it gives 6x = 12 at x = 2.
    let x = input(2)
    try pow(x, 3).backward(createGraph: true)
    let first = x.grad!
    #expect(first.scalar == 12)
    #expect(first.requiresGrad)
    x.clearGrad()
    try first.backward()
    #expect(x.grad?.scalar == 12)
  }

  @Test func derivativesInsideWithoutGradStillWork() {
    // A solver may ask for a gradient while its own updates run without recording.
    let g = withoutGrad { gradient(of: { x in x[0] * x[0] }, at: [3]) }
    #expect(g == [6])
  }
}
