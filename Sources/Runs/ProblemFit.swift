import Problems
import Solvers

extension LeastSquaresFit {
  /// The fit of a residual problem at x, from its residuals and their Jacobian in Double
  /// (reporting only: these evaluations are not counted in any run's); nil for a problem that
  /// gives an objective.
  public init?(problem: Problem, at x: [Double]) {
    guard problem.isResidual, x.allSatisfy(\.isFinite) else { return nil }
    let r = problem.residuals(at: x)
    guard r.allSatisfy(\.isFinite) else { return nil }
    self.init(residuals: r, jacobian: problem.residualJacobian(at: x))
  }
}
