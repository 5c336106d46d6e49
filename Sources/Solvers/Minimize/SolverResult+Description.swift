import Autodiff
import Foundation
import OptimizationCore

extension SolverResult: CustomStringConvertible {
  /// A summary of the run, one labelled line each: the method, the status and the criterion that
  /// ended the run, the best point, f and ‖∇f‖∞ there, iterations, evaluations and time.
  ///
  /// ```
  /// method       bfgs
  /// status       gradient-tolerance (converged): ‖∇f‖∞ ≤ 1e-08
  /// x            [0.9999999999999999, 0.9999999999999997]
  /// f(x)         4.930380657631324e-32
  /// ‖∇f(x)‖∞     8.881784197001252e-16
  /// iterations   34
  /// evaluations  f 0, ∇f 45, ∇²f 0, ∇²f·v 0
  /// time         0.000412 s
  /// ```
  public var description: String {
    let shown = x.prefix(SummaryLine.coordinates).map { "\($0)" }.joined(separator: ", ")
    let more = x.count > SummaryLine.coordinates ? ", … (\(x.count) coordinates)" : ""
    let lines = [
      ("method", solver),
      ("status", "\(status.rawValue)\(converged ? " (converged)" : ""): \(message)"),
      ("x", "[\(shown)\(more)]"),
      ("f(x)", "\(f)"),
      ("‖∇f(x)‖∞", gradientNorm.isNaN ? "not evaluated" : "\(gradientNorm)"),
      ("iterations", "\(iterations)"),
      (
        "evaluations",
        "f \(counts.f), ∇f \(counts.gradient), ∇²f \(counts.hessian), ∇²f·v \(counts.hessianVector)"
      ),
      ("time", String(format: "%.3g s", elapsed)),
    ]
    return lines.map { SummaryLine.format($0, $1) }.joined(separator: "\n")
  }
}

/// The layout of a result summary's lines.
enum SummaryLine {
  /// The coordinates of x a summary shows.
  static let coordinates = 10

  /// `label` padded to a column, then `text`.
  static func format(_ label: String, _ text: String) -> String {
    label.padding(toLength: 13, withPad: " ", startingAt: 0) + text
  }
}
