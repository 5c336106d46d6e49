import Foundation
import Reporting

/// Section 4: runs `benchmarks/peers.py` (PyTorch and JAX on workloads 1 and 2), reads its CSV
/// back and sets our figures next to theirs. peers.csv holds their rows as measured and ours
/// with each peer as the reference (ratio = ours / theirs, below 1 when we are faster), with the
/// ratio's range over both spreads.
///
/// A peer's time can move 2× between two processes on this machine, so in the full run
/// peers.py runs in two rounds, each a separate process, and a peer row keeps the median of the
/// rounds' medians and the extremes of all their batches. Each round runs peers.py twice: with
/// both libraries held to one thread (the like-for-like rows) and with every core
/// (`-N-threads` variants, the chained Rosenbrock only). Without python3, or with neither
/// library, the section is skipped with a note.
func peersSection(quick: Bool, ours: [BenchRow]) -> SectionResult {
  guard let script = peersScript() else {
    return SectionResult(
      table: "Peers: skipped (benchmarks/peers.py not found; run from the package root)\n",
      rows: [])
  }
  do {
    try AtomicFile.createDirectory(at: benchResultsDirectory)
  } catch {
    return SectionResult(table: "Peers: skipped (\(error))\n", rows: [])
  }
  var rounds: [[BenchRow]] = []
  var notes: [String] = []
  for round in 0..<(quick ? 1 : 2) {
    for threads in ["1", "all"] {
      switch runPeers(script, quick: quick, threads: threads, round: round) {
      case .success(let (rows, note)):
        rounds.append(rows)
        if !note.isEmpty && !notes.contains(note) { notes.append(note) }
      case .failure(let failure):
        return SectionResult(table: "Peers: skipped (\(failure.reason))\n", rows: [])
      }
    }
  }
  let theirs = combineRounds(rounds)
  if theirs.isEmpty {
    return SectionResult(
      table: "Peers: skipped (neither PyTorch nor JAX is installed: pip install torch jax)\n"
        + notes.joined(), rows: [])
  }
  let variants = Array(Set(theirs.map(\.variant))).sorted()
  var table = Table(
    "Peers: our seconds per call over theirs (below 1: we are faster; their times: median of "
      + "\(quick ? "one round" : "two rounds, each a separate process"))",
    headers: ["workload", "n", "ours", "time"] + variants)
  var rows = theirs
  let oursCompared = ours.filter {
    ($0.variant.hasPrefix("fast-path") || $0.variant == "define-by-run")
      && ($0.reference == "hand-written")
  }
  for mine in oursCompared {
    let matching = theirs.filter { $0.workload == mine.workload && $0.n == mine.n }
    if matching.isEmpty { continue }
    var cells = [mine.workload, "\(mine.n)", mine.variant, duration(mine.time.nanoseconds)]
    for variant in variants {
      if let peer = matching.first(where: { $0.variant == variant }) {
        let compared = BenchRow(
          workload: mine.workload, variant: mine.variant, n: mine.n, time: mine.time,
          reference: variant, ratio: mine.time.seconds / peer.time.seconds,
          referenceTime: peer.time, allocationsPerCall: mine.allocationsPerCall)
        let range = compared.ratioRange!
        cells.append(
          "\(significant(compared.ratio!)) (\(significant(range.low))–\(significant(range.high)))")
        rows.append(compared)
      } else {
        cells.append("-")
      }
    }
    table.add(cells)
  }
  let busy = theirs.filter { !$0.variant.hasSuffix("-threads") && ($0.cpuOverWall ?? 0) > 1.3 }
  let pinningNote =
    busy.isEmpty
    ? ""
    : "note: \(busy.count) single-thread peer rows kept more than 1.3 cores busy; their pinning "
      + "did not hold\n"
  return SectionResult(
    table: table.render()
      + "In parentheses: the ratio's range over both sides' fastest and slowest batches.\n"
      + pinningNote + notes.joined(), rows: rows)
}

private struct PeersFailure: Error {
  var reason: String
}

/// One run of peers.py: its rows and what it printed on stderr.
private func runPeers(
  _ script: URL, quick: Bool, threads: String, round: Int
) -> Result<([BenchRow], String), PeersFailure> {
  let rawFile = benchResultsDirectory.appendingPathComponent(
    "peers-raw-\(threads == "1" ? "1-thread" : "all-threads")-round-\(round + 1).csv")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments =
    ["python3", script.path] + (quick ? ["--quick"] : [])
    + ["--threads", threads, "--out", rawFile.path]
  let errors = Pipe()
  process.standardError = errors
  do {
    try? FileManager.default.removeItem(at: rawFile)
    try process.run()
  } catch {
    return .failure(PeersFailure(reason: "cannot run python3: \(error)"))
  }
  let notes = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  guard process.terminationStatus == 0,
    let text = try? String(contentsOf: rawFile, encoding: .utf8),
    let peers = try? CSVTable(text)
  else {
    return .failure(
      PeersFailure(
        reason: "python3 \(script.lastPathComponent) --threads \(threads) exited with status "
          + "\(process.terminationStatus))\n\(notes)"))
  }
  return .success((peerRows(peers), notes))
}

/// One row per peer workload over all rounds: the median of the rounds' medians (with two
/// rounds, their mean), the fastest and slowest batch of any round, the largest CPU-over-wall.
private func combineRounds(_ rounds: [[BenchRow]]) -> [BenchRow] {
  var order: [String] = []
  var byKey: [String: [BenchRow]] = [:]
  for row in rounds.joined() {
    let key = "\(row.workload)|\(row.variant)|\(row.n)"
    if byKey[key] == nil { order.append(key) }
    byKey[key, default: []].append(row)
  }
  return order.map { key in
    let rows = byKey[key]!
    let medians = rows.map(\.time.seconds).sorted()
    let middle = medians.count / 2
    let median =
      medians.count % 2 == 1 ? medians[middle] : (medians[middle - 1] + medians[middle]) / 2
    var combined = rows[0]
    combined.time = Measurement(
      seconds: median, secondsMin: rows.map(\.time.secondsMin).min()!,
      secondsMax: rows.map(\.time.secondsMax).max()!)
    combined.cpuOverWall = rows.compactMap(\.cpuOverWall).max()
    return combined
  }
}

/// The peers' rows of peers.py's CSV (`workload,variant,n,seconds_per_call,seconds_min,
/// seconds_max`); rows that do not parse are dropped.
private func peerRows(_ table: CSVTable) -> [BenchRow] {
  guard let workload = table.header.firstIndex(of: "workload"),
    let variant = table.header.firstIndex(of: "variant"),
    let n = table.header.firstIndex(of: "n"),
    let median = table.header.firstIndex(of: "seconds_per_call"),
    let low = table.header.firstIndex(of: "seconds_min"),
    let high = table.header.firstIndex(of: "seconds_max")
  else { return [] }
  let busy = table.header.firstIndex(of: "cpu_over_wall")
  return table.rows.compactMap { row in
    guard row.count == table.header.count, let size = Int(row[n]),
      let s = CSVNumber.parse(row[median]), let lo = CSVNumber.parse(row[low]),
      let hi = CSVNumber.parse(row[high])
    else { return nil }
    var peer = BenchRow(
      workload: row[workload], variant: row[variant], n: size,
      time: Measurement(seconds: s, secondsMin: lo, secondsMax: hi))
    peer.cpuOverWall = busy.flatMap { CSVNumber.parse(row[$0]) }
    return peer
  }
}

/// benchmarks/peers.py under the current directory, else next to this source file's package.
private func peersScript() -> URL? {
  let local = URL(fileURLWithPath: "benchmarks/peers.py")
  if FileManager.default.fileExists(atPath: local.path) { return local }
  let packaged = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("benchmarks/peers.py")
  return FileManager.default.fileExists(atPath: packaged.path) ? packaged : nil
}

/// `value` to three significant digits ("0.000412", "12.3"): peer ratios span six decades.
private func significant(_ value: Double) -> String {
  String(format: "%.3g", value)
}
