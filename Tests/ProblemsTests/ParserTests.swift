import Autodiff
import Foundation
import Testing

@testable import Problems

@Suite struct ParserTests {
  @Test func powerBindsTighterThanUnaryMinusAndIsRightAssociative() throws {
    #expect(try scalar("-y^2") == -0.25)  // -(0.5²)
    #expect(try scalar("-2^2") == -4)
    #expect(try scalar("2^3^2") == 512)  // 2^9, not 8^2 = 64
    #expect(try scalar("2**3**2") == 512)
    #expect(try scalar("2^-1") == 0.5)
    #expect(try scalar("- -3") == 3)
    #expect(try scalar("(-2)^2") == 4)
  }

  @Test func subtractionAndDivisionAreLeftAssociative() throws {
    #expect(try scalar("10 - 3 - 2") == 5)
    #expect(try scalar("24 / 4 / 3") == 2)
    #expect(try scalar("2 + 3 * 4") == 14)
    #expect(try scalar("(2 + 3) * 4") == 20)
    #expect(try scalar("2 * 3 ^ 2") == 18)
  }

  @Test(arguments: [
    ("3", 3.0), ("0.26", 0.26), ("1e-3", 0.001), ("1.5E+2", 150.0), ("2e3", 2000.0),
    ("007", 7.0), ("1.25e0", 1.25),
  ])
  func numbersInEveryAllowedForm(source: String, value: Double) throws {
    #expect(try scalar(source) == value)
  }

  @Test(arguments: [".5", "5.", "1e", "1e+", "+3", "3x", "1 2", "(1", "[1, 2", "2 *", "", "$"])
  func malformedTextIsRejected(source: String) {
    #expect(failure(source) != nil)
  }

  @Test func theRejectedNumberFormsSayWhy() {
    #expect(failure(".5")?.message.contains("0.5") == true)
    #expect(failure("5.")?.message.contains("5.0") == true)
    #expect(failure("+3")?.message.contains("unary '+'") == true)
  }

  @Test func commentsAndNewlinesAreFree() throws {
    #expect(try scalar("1 + # one\n  2 # two\n\n * 3") == 7)
    #expect(try scalar("# leading comment\n4") == 4)
  }

  @Test func indexingCountsFromZeroAndNegativeFromTheEnd() throws {
    #expect(try scalar("x[0]") == 1)
    #expect(try scalar("x[2]") == 3)
    #expect(try scalar("x[-1]") == 3)
    #expect(try scalar("x[-3]") == 1)
    #expect(try scalar("x[n - 2]") == 3)
    #expect(failure("x[3]")?.message == "index 3 is out of range for a vector of length 3")
    #expect(failure("x[-4]") != nil)
    #expect(failure("x[0.5]")?.message.contains("whole number") == true)
    #expect(failure("y[0]")?.message == "cannot index a scalar")
  }

  @Test func indicesMustBeKnownAtLoadTime() {
    #expect(failure("x[y]")?.message.contains("known when the file is loaded") == true)
    #expect(failure("repeat(x, y)")?.message.contains("known when the file is loaded") == true)
  }

  @Test func slicesClampAndHaveOpenEnds() throws {
    #expect(try evaluate("x[1:]") == Tensor([2, 3]))
    #expect(try evaluate("x[:-1]") == Tensor([1, 2]))
    #expect(try evaluate("x[:]") == Tensor([1, 2, 3]))
    #expect(try evaluate("x[-10:10]") == Tensor([1, 2, 3]))
    #expect(try evaluate("x[2:1]") == Tensor([]))
    #expect(try evaluate("x[5:]") == Tensor([]))
    #expect(try evaluate("x[0:1]") == Tensor([1]))  // a vector, even of length 1
    #expect(try evaluate("x[1:][0]") == Tensor(2))
  }

  @Test func vectorLiteralsConcatenate() throws {
    #expect(try evaluate("[x, 4, [5, 6]]") == Tensor([1, 2, 3, 4, 5, 6]))
    #expect(try evaluate("[y]") == Tensor([0.5]))
    #expect(try evaluate("[x]") == Tensor([1, 2, 3]))
    #expect(try evaluate("[x[1:], c]") == Tensor([2, 3, 10, 20]))
  }

  @Test func scalarsBroadcastAndVectorLengthsMustAgree() throws {
    #expect(try evaluate("x * 2") == Tensor([2, 4, 6]))
    #expect(try evaluate("1 - x") == Tensor([0, -1, -2]))
    #expect(try evaluate("x + x[0]") == Tensor([2, 3, 4]))
    #expect(try evaluate("x^2") == Tensor([1, 4, 9]))
    let mismatch = failure("x + c")
    #expect(mismatch?.message.contains("length 3") == true)
    #expect(mismatch?.message.contains("length 2") == true)
  }

  @Test func aLengthOneVectorDoesNotBroadcast() {
    let error = failure("x + x[0:1]")
    #expect(error?.message.contains("length 3") == true)
    #expect(error?.message.contains("length 1") == true)
  }

  @Test func piAndEArePredefinedAndShadowable() throws {
    #expect(try scalar("pi") == Double.pi)
    #expect(try scalar("e") == Foundation.exp(1.0))
    var scope = testScope()
    scope.parameters["pi"] = 3
    scope.constants["e"] = Tensor([1, 2])
    #expect(try scalar("pi", scope: scope) == 3)
    #expect(try evaluate("e", scope: scope) == Tensor([1, 2]))
  }

  @Test func resolutionOrderIsVariableParameterConstantData() throws {
    var scope = testScope()
    scope.parameters["y"] = 100  // the variable y wins
    scope.constants["n"] = Tensor(7)  // the parameter n wins
    scope.dataColumns["c"] = Tensor([1, 1])  // the constant c wins
    scope.dataColumns["t"] = Tensor([5, 6])
    #expect(try scalar("y", scope: scope) == 0.5)
    #expect(try scalar("n", scope: scope) == 4)
    #expect(try evaluate("c", scope: scope) == Tensor([10, 20]))
    #expect(try evaluate("t", scope: scope) == Tensor([5, 6]))
  }

  @Test func functionNamesAreANamespaceOfTheirOwn() throws {
    var scope = testScope()
    scope.parameters["sum"] = 2
    #expect(try scalar("sum(x) * sum", scope: scope) == 12)
  }

  @Test func emptyVectorsReduceToTheIdentity() throws {
    #expect(try scalar("sum(x[3:])") == 0)
    #expect(try scalar("prod(x[3:])") == 1)
    #expect(try scalar("norm(x[3:])") == 0)
    #expect(try scalar("mean(x[3:])").isNaN)
    #expect(try scalar("len(x[3:])") == 0)
    #expect(try evaluate("range(3, 3)") == Tensor([]))
    #expect(try evaluate("repeat(x, 0)") == Tensor([]))
  }

  @Test func reductionsOfVectorsAndScalars() throws {
    #expect(try scalar("sum(x)") == 6)
    #expect(try scalar("prod(x)") == 6)
    #expect(try scalar("mean(x)") == 2)
    #expect(try scalar("norm(x)") == Foundation.sqrt(14))
    #expect(try scalar("dot(x, x)") == 14)
    #expect(try scalar("dot(x, 2)") == 12)
    #expect(try scalar("sum(y)") == 0.5)
    #expect(try scalar("norm(-3)") == 3)
    #expect(failure("dot(x, c)")?.message.contains("length 2") == true)
  }

  @Test func lenRepeatAndRange() throws {
    #expect(try scalar("len(x)") == 3)
    #expect(try scalar("len(c)") == 2)
    #expect(try scalar("len(y)") == 1)
    #expect(try evaluate("repeat([1, 2], 2)") == Tensor([1, 2, 1, 2]))
    #expect(try evaluate("repeat(y, 3)") == Tensor([0.5, 0.5, 0.5]))
    #expect(try evaluate("repeat(x, n / 2)") == Tensor([1, 2, 3, 1, 2, 3]))
    #expect(try evaluate("range(0, 3)") == Tensor([0, 1, 2]))
    #expect(try evaluate("range(-2, 1)") == Tensor([-2, -1, 0]))
    #expect(try evaluate("range(3, 0)") == Tensor([]))
    #expect(try evaluate("x * range(1, len(x) + 1)") == Tensor([1, 4, 9]))
    #expect(failure("repeat(x, -1)")?.message.contains("negative") == true)
    #expect(failure("range(0, 1.5)")?.message.contains("whole number") == true)
  }

  @Test func arithmeticFollowsIEEE() throws {
    #expect(try scalar("sqrt(-1)").isNaN)
    #expect(try scalar("1 / 0") == .infinity)
    #expect(try scalar("-1 / 0") == -.infinity)
    #expect(try scalar("log(0)") == -.infinity)
    #expect(try scalar("7 / 2") == 3.5)
  }
}
