import Foundation

/// A one-line progress bar on standard error, for long batches of runs.
///
/// It draws only when enabled — by default when standard error is a terminal — so logs and
/// pipes stay clean, and redraws at most once per `minimumInterval`; the last update before
/// `finish()` is always drawn. Not thread-safe: update it from one thread.
public final class ProgressBar {
  public let total: Int
  public let label: String
  public let isEnabled: Bool
  public let minimumInterval: Duration
  /// Bar width in cells.
  public var barWidth = 30
  private let output: (String) -> Void
  private var lastDraw: ContinuousClock.Instant?
  private var pendingLine: String?

  /// A bar for `total` steps. `output` receives the text to write (by default, standard error).
  public init(
    total: Int, label: String, enabled: Bool = TableFormatter.isTerminal(STDERR_FILENO),
    minimumInterval: Duration = .milliseconds(100),
    output: @escaping (String) -> Void = { ProgressBar.writeToStandardError($0) }
  ) {
    self.total = total
    self.label = label
    self.isEnabled = enabled
    self.minimumInterval = minimumInterval
    self.output = output
  }

  /// Reports `completed` steps done, with an optional note (the current run, say).
  public func update(_ completed: Int, detail: String = "") {
    guard isEnabled else { return }
    let line = Self.render(
      completed: completed, total: total, label: label, detail: detail, width: barWidth)
    let now = ContinuousClock.now
    if let lastDraw, now - lastDraw < minimumInterval {
      pendingLine = line
      return
    }
    draw(line, at: now)
  }

  /// Draws any update held back by the throttle and ends the line.
  public func finish() {
    guard isEnabled else { return }
    if let pendingLine { draw(pendingLine, at: .now) }
    output("\n")
  }

  private func draw(_ line: String, at time: ContinuousClock.Instant) {
    // Carriage return, the line, then "erase to end of line" for a shorter redraw.
    output("\r" + line + "\u{1B}[K")
    lastDraw = time
    pendingLine = nil
  }

  /// The text of the bar: `label [#####.....] completed/total detail`.
  public static func render(
    completed: Int, total: Int, label: String, detail: String, width: Int
  ) -> String {
    let fraction = total > 0 ? min(max(Double(completed) / Double(total), 0), 1) : 1
    let filled = Int((fraction * Double(width)).rounded(.down))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let text = "\(label) [\(bar)] \(completed)/\(total)"
    return detail.isEmpty ? text : text + " " + detail
  }

  /// Writes text to standard error, unbuffered.
  public static func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
