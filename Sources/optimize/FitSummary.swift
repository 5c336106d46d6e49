import Foundation
import Runs
import Solvers

/// The table output's closing block on a residual problem: the fit at the lowest f among the
/// runs, with each parameter's standard error and the covariance, as a curve-fitting user
/// expects them.
enum FitSummary {
  static func best(of runs: [CompletedRun], coordinateNames: [String]) -> String? {
    let fitted = runs.filter { $0.fit != nil && $0.f.isFinite }
    guard let run = fitted.min(by: { $0.f < $1.f }), let fit = run.fit else { return nil }
    let n = run.x.count
    var heading =
      "Least-squares fit at the lowest f (\(run.solver)): ‖r‖ = \(short(fit.residualNorm)), "
      + "m = \(fit.residualCount), n = \(n)"
    if let variance = fit.residualVariance {
      heading += ", σ̂² = ‖r‖²/(m − n) = \(short(variance))"
    }
    guard let covariance = fit.covariance, let errors = fit.standardErrors else {
      let reason =
        fit.degreesOfFreedom <= 0
        ? "no covariance: m ≤ n leaves no residual degrees of freedom"
        : "no covariance: the Jacobian is rank-deficient at the fit"
      return heading + "\n" + reason
    }
    let names = coordinateNames.count == n ? coordinateNames : (0..<n).map { "x[\($0)]" }
    let parameters = textTable(
      headers: ["parameter", "estimate", "standard error"],
      rows: (0..<n).map { [names[$0], "\(run.x[$0])", short(errors[$0])] })
    // A large matrix would drown the table; JSON has it whole.
    guard n <= 10 else {
      return [
        heading, parameters.trimmingCharacters(in: .newlines), "covariance: see --format json",
      ]
      .joined(separator: "\n")
    }
    let matrix = textTable(
      headers: ["covariance"] + names,
      rows: (0..<n).map { i in [names[i]] + covariance[i].map(short) })
    return [heading, parameters, matrix].joined(separator: "\n")
      .trimmingCharacters(in: .newlines)
  }

  private static func short(_ x: Double) -> String { String(format: "%.6g", x) }
}
