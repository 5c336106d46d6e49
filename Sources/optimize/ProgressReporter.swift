import Foundation

/// A one-line progress display on standard error, shown only on a terminal and only once the
/// work has lasted long enough to need one; piped output never sees it.
final class ProgressReporter {
  private let total: Int
  private let enabled: Bool
  private let sessionStart = Date()
  private var completed = 0
  private var current = ""
  private var lastDraw = Date.distantPast
  private var drawn = false

  init(total: Int, enabled: Bool) {
    self.total = total
    self.enabled = enabled && isatty(STDERR_FILENO) == 1
  }

  func begin(_ name: String) { current = name }

  func update(iteration: Int, f: Double) {
    guard enabled else { return }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) >= 0.1, now.timeIntervalSince(sessionStart) >= 0.5 else {
      return
    }
    lastDraw = now
    let width = 24
    let filled = total > 0 ? min(width, completed * width / total) : 0
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let line = "[\(bar)] \(completed)/\(total) \(current): iteration \(iteration), f = \(f)"
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    drawn = true
  }

  func end() { completed += 1 }

  /// Clears the line before results are printed.
  func finish() {
    guard drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    drawn = false
  }
}
