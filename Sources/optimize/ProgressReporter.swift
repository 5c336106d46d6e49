import Foundation
import Reporting

/// The run's progress bar on standard error: only on a terminal, and only once the work has
/// lasted long enough to need one, so short runs and piped output never see it.
final class ProgressReporter {
  private let bar: ProgressBar
  private let sessionStart = ContinuousClock.now
  private var completed = 0
  private var current = ""
  private var drawn = false

  init(total: Int, enabled: Bool) {
    bar = ProgressBar(
      total: total, label: "running",
      enabled: enabled && TableFormatter.isTerminal(STDERR_FILENO))
  }

  func begin(_ name: String) { current = name }

  func update(iteration: Int, f: Double) {
    guard bar.isEnabled, ContinuousClock.now - sessionStart >= .milliseconds(500) else { return }
    bar.update(completed, detail: "\(current): iteration \(iteration), f = \(f)")
    drawn = true
  }

  func end() { completed += 1 }

  /// Ends the bar's line before results are printed.
  func finish() {
    if drawn { bar.finish() }
  }
}
