import Foundation

/// The fuzzing loop: generates inputs K..<N, runs each under the watchdog with the culprit on
/// disk, counts outcomes, and reports the rate.
struct FuzzDriver {
  let options: FuzzOptions
  /// Fast-path mismatches saved per run; the rest are only counted.
  static let savedMismatches = 20

  /// Returns the process exit status: 0 when every input ran clean, 4 on a contract violation.
  func run() throws -> Int32 {
    let corpusDirectory = URL(fileURLWithPath: options.corpus)
    let corpus = try SeedCorpus(directory: corpusDirectory)
    guard !corpus.files.isEmpty else {
      throw FuzzOptions.UsageError(
        description: "no *.toml files in '\(options.corpus)' to seed from")
    }
    let generator = InputGenerator(corpus: corpus, seed: options.seed)
    let target = FuzzTarget(baseDirectory: corpusDirectory)
    let files = try FindingFiles(directory: URL(fileURLWithPath: options.output))
    let watchdog = Watchdog(limitSeconds: options.timeoutSeconds) { seconds in
      Self.reportHang(files, seconds: seconds)
    }
    watchdog.start()

    var outcomes = [Outcome: Int]()
    var strategies = [InputGenerator.Strategy: Int]()
    var strategySeconds = [InputGenerator.Strategy: Double]()
    var slowest = (seconds: 0.0, index: UInt64(0))
    let begin = Watchdog.now()
    var lastReport = begin
    print("fuzzing inputs \(options.from)..<\(options.count) with seed \(options.seed)")
    var index = options.from
    while index < options.count {
      let (strategy, text) = generator.input(index)
      files.recordCurrent(text, index: index, strategy: strategy.rawValue)
      let started = Watchdog.now()
      watchdog.inputStarted()
      let outcome: Outcome
      do {
        let (result, note) = try target.run(text)
        outcome = result
        if let note, outcomes[.fastPathMismatch, default: 0] < Self.savedMismatches {
          files.save("mismatch", index: index, input: text, note: note + "\n")
        }
      } catch {
        watchdog.inputFinished()
        files.save("violation", index: index, input: text, note: error.description + "\n")
        print("contract violation at input \(index) (\(strategy.rawValue)): \(error)")
        print("saved as \(files.directory.path)/violation-\(index).toml")
        return 4
      }
      watchdog.inputFinished()
      let now = Watchdog.now()
      let seconds = Double(now - started) / 1e9
      if seconds > slowest.seconds { slowest = (seconds, index) }
      outcomes[outcome, default: 0] += 1
      strategies[strategy, default: 0] += 1
      strategySeconds[strategy, default: 0] += seconds
      index += 1
      if now - lastReport > 10_000_000_000 {
        lastReport = now
        report(done: index - options.from, nanoseconds: now - begin, index: index)
      }
    }
    let elapsed = Watchdog.now() - begin
    report(done: index - options.from, nanoseconds: elapsed, index: index)
    for outcome in Outcome.allCases {
      print("  \(outcome.rawValue): \(outcomes[outcome, default: 0])")
    }
    for strategy in InputGenerator.Strategy.allCases {
      let seconds = String(format: "%.1f", strategySeconds[strategy, default: 0])
      print("  from \(strategy.rawValue): \(strategies[strategy, default: 0]) in \(seconds) s")
    }
    print(String(format: "  slowest input: %d, %.3f s", slowest.index, slowest.seconds))
    print("no crash, hang or contract violation")
    return 0
  }

  private func report(done: UInt64, nanoseconds: UInt64, index: UInt64) {
    let seconds = Double(nanoseconds) / 1e9
    let rate = seconds > 0 ? Double(done) / seconds : 0
    print(
      String(
        format: "%llu inputs in %.1f s (%.0f inputs/s), next index %llu", done, seconds, rate, index
      ))
    fflush(nil)
  }

  /// Runs on the watchdog's thread: the loop is stuck, so the culprit is the current input.
  private static func reportHang(_ files: FindingFiles, seconds: Double) -> Never {
    let current = files.directory.appendingPathComponent("current-input.toml")
    let indexLine =
      (try? String(
        contentsOf: files.directory.appendingPathComponent("current-index.txt"), encoding: .utf8))
      ?? "? unknown"
    let index = indexLine.split(separator: " ").first.map(String.init) ?? "unknown"
    let input = (try? String(contentsOf: current, encoding: .utf8)) ?? ""
    files.save(
      "hang", index: UInt64(index) ?? 0, input: input,
      note: "still running after \(seconds) s of CPU time\n")
    FileHandle.standardError.write(
      Data(
        "optimize-fuzz: input \(indexLine.trimmingCharacters(in: .whitespacesAndNewlines)) still running after \(String(format: "%.1f", seconds)) s of CPU time; saved as \(files.directory.path)/hang-\(index).toml\n"
          .utf8))
    _exit(3)
  }
}
