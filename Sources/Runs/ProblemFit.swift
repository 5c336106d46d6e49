import OptimizationCore
import Problems
import Solvers

extension LeastSquaresFit {
  /// The fit of a residual problem at x, from its residuals and their Jacobian in Double, taken
  /// through the problem's residual form (so in the cheaper mode: two products for a 1000-row
  /// data fit instead of 1000 gradients). Reporting only: these evaluations are on an objective
  /// of their own, not counted in any run's. Nil for a problem that gives an objective.
  public init?(problem: Problem, at x: [Double]) {
    guard problem.isResidual, x.allSatisfy(\.isFinite) else { return nil }
    let objective = problem.makeObjective(Double.self)
    var r = [Double]()
    var j = [Double]()
    do {
      try objective.residuals(x, into: &r)
      try objective.jacobian(x, into: &j)
    } catch {
      return nil  // a fresh objective has no evaluation limits
    }
    guard r.allSatisfy(\.isFinite) else { return nil }
    let n = x.count
    self.init(residuals: r, jacobian: (0..<r.count).map { Array(j[$0 * n..<($0 + 1) * n]) })
  }
}
