import Testing

@testable import Reporting

/// Collects what the bar writes.
final class Sink: @unchecked Sendable {
  var writes: [String] = []
}

@Suite struct ProgressBarTests {
  @Test func rendersTheBar() {
    #expect(
      ProgressBar.render(completed: 3, total: 10, label: "runs", detail: "bfgs", width: 10)
        == "runs [###.......] 3/10 bfgs")
    #expect(
      ProgressBar.render(completed: 12, total: 10, label: "runs", detail: "", width: 4)
        == "runs [####] 12/10")
    #expect(
      ProgressBar.render(completed: 0, total: 0, label: "x", detail: "", width: 2) == "x [##] 0/0")
  }

  @Test func disabledBarWritesNothing() {
    let sink = Sink()
    let bar = ProgressBar(total: 5, label: "runs", enabled: false) { sink.writes.append($0) }
    bar.update(1)
    bar.finish()
    #expect(sink.writes.isEmpty)
  }

  @Test func updatesAreThrottledButTheLastIsDrawn() {
    let sink = Sink()
    // An hour between draws: only the first update draws at once.
    let bar = ProgressBar(total: 4, label: "runs", enabled: true, minimumInterval: .seconds(3600)) {
      sink.writes.append($0)
    }
    bar.barWidth = 4
    bar.update(1)
    bar.update(2)
    bar.update(3)
    #expect(sink.writes == ["\rruns [#...] 1/4\u{1B}[K"])
    bar.finish()
    #expect(sink.writes == ["\rruns [#...] 1/4\u{1B}[K", "\rruns [###.] 3/4\u{1B}[K", "\n"])
  }
}
