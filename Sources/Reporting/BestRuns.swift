import Autodiff
import OptimizationCore
import Solvers

extension TableFormatter {
  /// The line under the comparison table: of the runs that ended at the global minimum
  /// (`endedAt == "global"`), the one(s) with the fewest evaluations — f, ∇f and ∇²f counted
  /// alike, and Hessian–vector products too when a run made any — and the fastest; or that
  /// none ended there, or that the global minimum is not known. Wrapped at spaces to
  /// `maxWidth` characters; the lines end in line feeds.
  public static func bestRuns(
    _ runs: [RunSummary], globalMinimumKnown: Bool, maxWidth: Int? = nil
  ) -> String {
    wrapped(bestRunsSentence(runs, globalMinimumKnown: globalMinimumKnown), to: maxWidth)
  }

  private static func bestRunsSentence(_ runs: [RunSummary], globalMinimumKnown: Bool) -> String {
    guard globalMinimumKnown else {
      return "The global minimum is not known, so no run is named best."
    }
    let reached = runs.filter { $0.endedAt == "global" }
    guard !reached.isEmpty else {
      return "None of the \(runs.count) runs reached the global minimum."
    }
    let withProducts = reached.contains { $0.counts.hessianVector > 0 }
    func evaluations(_ run: RunSummary) -> Int {
      let c = run.counts
      return c.f + c.gradient + c.hessian + (withProducts ? c.hessianVector : 0)
    }
    let fewest = reached.map(evaluations).min()!
    let cheapest = reached.filter { evaluations($0) == fewest }.map(\.solver)
    let least = reached.map(\.seconds).min()!
    let fastest = reached.filter { $0.seconds == least }.map(\.solver)
    let measure = withProducts ? "f + ∇f + ∇²f + Hessian–vector" : "f + ∇f + ∇²f"
    return "\(reached.count) of \(runs.count) runs reached the global minimum; "
      + "fewest evaluations (\(measure)): \(cheapest.joined(separator: ", ")) (\(fewest)); "
      + "least time: \(fastest.joined(separator: ", ")) (\(duration(least)))."
  }

  /// Words joined by spaces into lines of at most `width` characters (a longer word gets a line
  /// of its own); each line ends in a line feed.
  static func wrapped(_ text: String, to width: Int?) -> String {
    guard let width else { return text + "\n" }
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if !current.isEmpty && current.count + 1 + word.count > width {
        lines.append(current)
        current = ""
      }
      current += (current.isEmpty ? "" : " ") + word
    }
    lines.append(current)
    return lines.map { $0 + "\n" }.joined()
  }
}
