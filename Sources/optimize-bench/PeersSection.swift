import Foundation
import Reporting

/// Section 4: runs `benchmarks/peers.py` (PyTorch and JAX on workloads 1 and 2), reads its CSV
/// back and sets our figures next to theirs. peers.csv holds their rows as measured and ours
/// with each peer as the reference (ratio = ours / theirs, below 1 when we are faster).
/// Without python3, or with neither library, the section is skipped with a note.
func peersSection(quick: Bool, ours: [BenchRow]) -> SectionResult {
  guard let script = peersScript() else {
    return SectionResult(
      table: "Peers: skipped (benchmarks/peers.py not found; run from the package root)\n",
      rows: [])
  }
  let rawFile = benchResultsDirectory.appendingPathComponent("peers-raw.csv")
  do {
    try AtomicFile.createDirectory(at: benchResultsDirectory)
  } catch {
    return SectionResult(table: "Peers: skipped (\(error))\n", rows: [])
  }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments =
    ["python3", script.path] + (quick ? ["--quick"] : []) + ["--out", rawFile.path]
  let errors = Pipe()
  process.standardError = errors
  do {
    try? FileManager.default.removeItem(at: rawFile)
    try process.run()
  } catch {
    return SectionResult(table: "Peers: skipped (cannot run python3: \(error))\n", rows: [])
  }
  let notes = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  guard process.terminationStatus == 0,
    let text = try? String(contentsOf: rawFile, encoding: .utf8),
    let peers = try? CSVTable(text)
  else {
    return SectionResult(
      table: "Peers: skipped (python3 \(script.lastPathComponent) exited with status "
        + "\(process.terminationStatus))\n\(notes)", rows: [])
  }
  let theirs = peerRows(peers)
  if theirs.isEmpty {
    return SectionResult(
      table: "Peers: skipped (neither PyTorch nor JAX is installed: pip install torch jax)\n"
        + notes, rows: [])
  }
  let variants = Array(Set(theirs.map(\.variant))).sorted()
  var table = Table(
    "Peers: our seconds per call over theirs (below 1: we are faster)",
    headers: ["workload", "n", "ours", "time"] + variants)
  var rows = theirs
  let oursCompared = ours.filter {
    ($0.variant == "fast-path" || $0.variant == "define-by-run")
      && ($0.reference == "hand-written")
  }
  for mine in oursCompared {
    let matching = theirs.filter { $0.workload == mine.workload && $0.n == mine.n }
    if matching.isEmpty { continue }
    var cells = [mine.workload, "\(mine.n)", mine.variant, duration(mine.time.nanoseconds)]
    for variant in variants {
      if let peer = matching.first(where: { $0.variant == variant }) {
        let r = mine.time.seconds / peer.time.seconds
        cells.append(significant(r))
        rows.append(
          BenchRow(
            workload: mine.workload, variant: mine.variant, n: mine.n, time: mine.time,
            reference: variant, ratio: r, allocationsPerCall: mine.allocationsPerCall))
      } else {
        cells.append("-")
      }
    }
    table.add(cells)
  }
  let note = notes.isEmpty ? "" : notes
  return SectionResult(table: table.render() + note, rows: rows)
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
  return table.rows.compactMap { row in
    guard row.count == table.header.count, let size = Int(row[n]),
      let s = CSVNumber.parse(row[median]), let lo = CSVNumber.parse(row[low]),
      let hi = CSVNumber.parse(row[high])
    else { return nil }
    return BenchRow(
      workload: row[workload], variant: row[variant], n: size,
      time: Measurement(seconds: s, secondsMin: lo, secondsMax: hi))
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
