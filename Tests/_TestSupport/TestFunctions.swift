import Autodiff
import Foundation
import OptimizationCore

/// Hand-written test functions with hand-derived gradients and known minimizers, independent of
/// the autodiff core and of the problem loader.
public struct TestFunction: Sendable {
  public let name: String
  public let dimension: Int
  public let value: @Sendable ([Double]) -> Double
  /// ∇f, derived by hand.
  public let gradient: @Sendable ([Double]) -> [Double]
  public let start: [Double]
  public let minimizer: [Double]

  public init(
    name: String, dimension: Int, value: @escaping @Sendable ([Double]) -> Double,
    gradient: @escaping @Sendable ([Double]) -> [Double], start: [Double], minimizer: [Double]
  ) {
    self.name = name
    self.dimension = dimension
    self.value = value
    self.gradient = gradient
    self.start = start
    self.minimizer = minimizer
  }

  /// A function whose value and gradient are those of one of `TestObjectives` (made anew per
  /// call, so the closures stay free of shared state).
  init(
    name: String, dimension: Int, objective: @escaping @Sendable () -> Objective<Double>,
    start: [Double], minimizer: [Double]
  ) {
    self.init(
      name: name, dimension: dimension,
      value: { x in (try? objective().value(x)) ?? .nan },
      gradient: { x in
        var g = [Double]()
        _ = try? objective().gradient(x, into: &g)
        return g
      }, start: start, minimizer: minimizer)
  }

  /// An `Objective` in precision T over this function, evaluated in Double.
  public func objective<T: SolverScalar>(_: T.Type = T.self, counter: EvaluationCounter? = nil)
    -> Objective<T>
  {
    let value = self.value
    let gradient = self.gradient
    return Objective<T>(
      dimension: dimension,
      value: { x in
        counter?.values += 1
        return T(value(x.map { Double($0) }))
      },
      gradient: { x, g in
        counter?.gradients += 1
        let xd = x.map { Double($0) }
        g = gradient(xd).map { T($0) }
        return T(value(xd))
      })
  }
}

/// Counts calls into an objective's closures, independently of the objective's own counts.
public final class EvaluationCounter {
  public var values = 0
  public var gradients = 0
  public init() {}
}

public enum TestFunctions {
  /// f = Σ xᵢ² in three variables (`TestObjectives.sphere`), minimizer 0.
  public static let sphere = TestFunction(
    name: "sphere", dimension: 3, objective: { TestObjectives.sphere(3) },
    start: [1, -2, 0.5], minimizer: [0, 0, 0])

  /// Matyas (`TestObjectives.matyas`): Hessian eigenvalues 1 and 0.04, moderately ill-conditioned.
  public static let matyas = TestFunction(
    name: "matyas", dimension: 2, objective: { TestObjectives.matyas() },
    start: [1, 3], minimizer: [0, 0])

  /// f = ½ xᵀAx − bᵀx with A = [[4,1,0],[1,3,1],[0,1,2]] (positive definite), b = (1, 2, 3);
  /// ∇f = Ax − b, and solving Ax = b by elimination gives the minimizer (2/9, 1/9, 13/9).
  public static let quadratic = TestFunction(
    name: "quadratic", dimension: 3,
    value: { x in
      let ax = multiplyA(x)
      return 0.5 * (x[0] * ax[0] + x[1] * ax[1] + x[2] * ax[2]) - (x[0] + 2 * x[1] + 3 * x[2])
    },
    gradient: { x in
      let ax = multiplyA(x)
      return [ax[0] - 1, ax[1] - 2, ax[2] - 3]
    },
    start: [0, 0, 0], minimizer: [2.0 / 9, 1.0 / 9, 13.0 / 9])

  private static func multiplyA(_ x: [Double]) -> [Double] {
    [4 * x[0] + x[1], x[0] + 3 * x[1] + x[2], x[1] + 2 * x[2]]
  }

  /// Rosenbrock (`TestObjectives.rosenbrock`), minimizer (1, 1).
  public static let rosenbrock = TestFunction(
    name: "rosenbrock", dimension: 2, objective: { TestObjectives.rosenbrock(2) },
    start: [-1.2, 1], minimizer: [1, 1])

  /// Goldstein–Price (`TestObjectives.goldsteinPrice`), minimizer (0, −1), f = 3.
  public static let goldstein = TestFunction(
    name: "goldstein", dimension: 2, objective: { TestObjectives.goldsteinPrice() },
    start: [-0.5, 0.25], minimizer: [0, -1])

  /// f = log(x) + y², ∇f = (1/x, 2y): NaN for x < 0, so a start there cannot be minimized.
  public static let logarithm = TestFunction(
    name: "logarithm", dimension: 2,
    value: { v in Foundation.log(v[0]) + v[1] * v[1] },
    gradient: { v in [1 / v[0], 2 * v[1]] },
    start: [-1, 0.5], minimizer: [0, 0])

  public static let convex = [sphere, matyas, quadratic]
}
