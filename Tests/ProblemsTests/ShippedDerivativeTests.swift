import Autodiff
import Foundation
import Testing
import _TestSupport

@testable import Problems

/// For every shipped problem, through the compiled fast path (`makeObjective`): the gradient
/// vanishes at the known minimizer, and the gradient and Hessian at the start agree with
/// central finite differences.
@Suite struct ShippedDerivativeTests {
  /// Problems whose objective is not differentiable at the minimizer, so their gradient there
  /// is NaN: Ackley's −20·exp(−0.2·√(mean x²)) has a cone point at 0.
  static let nonSmoothAtMinimum: Set<String> = ["ackley"]

  /// Above this dimension, a Hessian–vector product is checked instead of the full Hessian.
  static let fullHessianLimit = 50

  @Test(arguments: ProblemCatalog.builtinNames)
  func gradientVanishesAtTheKnownMinimizer(name: String) throws {
    let p = try ProblemCatalog.load(name)
    guard let minimum = p.minimum, let x = minimum.x else { return }
    let objective = p.makeObjective(Double.self)
    var g = [Double]()
    let f = try objective.gradient(x, into: &g)
    #expect(Swift.abs(f - minimum.f) <= Swift.max(1e-10, 1e-8 * Swift.abs(minimum.f)))
    if Self.nonSmoothAtMinimum.contains(name) {
      #expect(g.contains { $0.isNaN }, "\(name) is listed as non-smooth at its minimizer")
    } else if let bounds = p.bounds {
      // On a bounded problem the KKT conditions instead: the projected gradient
      // x − P(x − ∇f) vanishes (∇f may only push outward at an active bound).
      let projected = x.indices.map { i in
        x[i] - Swift.min(Swift.max(x[i] - g[i], bounds.lower[i]), bounds.upper[i])
      }
      #expect(
        maxMagnitude(projected) <= 1e-8 * Swift.max(1, Swift.abs(minimum.f)),
        "\(name): ∇f(x*) = \(g)")
    } else {
      #expect(
        maxMagnitude(g) <= 1e-8 * Swift.max(1, Swift.abs(minimum.f)), "\(name): ∇f(x*) = \(g)")
    }
  }

  @Test(arguments: ProblemCatalog.builtinNames)
  func derivativesAtTheStartAgreeWithFiniteDifferences(name: String) throws {
    let p = try ProblemCatalog.load(name)
    try checkDerivatives(p, at: p.start)
  }

  @Test func chainedRosenbrockAtASmallerSizeHasAFullHessianCheck() throws {
    let p = try ProblemCatalog.load("rosenbrock-n", parameters: ["n": 10])
    #expect(p.dimension == 10)
    #expect(p.minimum == nil)  // the listed points are for n = 1000
    try checkDerivatives(p, at: p.start)
    #expect(p.value(at: [Double](repeating: 1, count: 10)) == 0)
  }

  /// Gradient against central differences of the value; Hessian (or, for large problems, a
  /// Hessian–vector product) against central differences of the gradient. Tolerances are
  /// relative to the size of what is compared: the differences' own error is about 1e-10 of it
  /// for these steps, a wrong derivative is off by order 1.
  func checkDerivatives(_ p: Problem, at x: [Double]) throws {
    let objective = p.makeObjective(Double.self)
    let value = { (x: [Double]) in try! objective.value(x) }
    let gradient = { (x: [Double]) -> [Double] in
      var g = [Double]()
      _ = try! objective.gradient(x, into: &g)
      return g
    }
    let g = gradient(x)
    let gReference = FiniteDifferences.gradient(value, at: x)
    #expect(
      maxDifference(g, gReference) <= 1e-5 * Swift.max(1, maxMagnitude(g)),
      "\(p.name): gradient \(g.prefix(6)) vs differences \(gReference.prefix(6))")

    if p.dimension <= Self.fullHessianLimit {
      var h = [Double]()
      try objective.hessian(x, into: &h)
      let hReference = FiniteDifferences.jacobian(gradient, at: x).flatMap { $0 }
      #expect(
        maxDifference(h, hReference) <= 1e-5 * Swift.max(1, maxMagnitude(h)),
        "\(p.name): Hessian \(h.prefix(6)) vs differences \(hReference.prefix(6))")
    }
    // A Hessian–vector product along a fixed, irregular direction.
    let v = (0..<p.dimension).map { Foundation.sin(Double($0) + 1) }
    var hv = [Double]()
    try objective.hessianVector(x, v, into: &hv)
    let hvReference = FiniteDifferences.directional(gradient, at: x, along: v)
    #expect(
      maxDifference(hv, hvReference) <= 1e-5 * Swift.max(1, maxMagnitude(hv)),
      "\(p.name): Hv \(hv.prefix(6)) vs differences \(hvReference.prefix(6))")
  }
}
