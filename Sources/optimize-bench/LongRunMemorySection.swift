import Foundation
import Reporting

/// One command of the memory section, as measured.
struct MemoryRun {
  var workload: String
  /// Iterations or starts, as the workload says.
  var count: Int
  var usage: ChildUsage
  /// Bytes of the iteration logs the command wrote.
  var logBytes: Int

  static let header = ["workload", "count", "peak_resident_bytes", "seconds", "log_bytes"]

  var fields: [String] {
    [
      workload, "\(count)", CSVNumber.format(usage.peakResidentBytes),
      CSVNumber.format(usage.seconds), "\(logBytes)",
    ]
  }
}

/// Peak memory of the `optimize` command (the release binary next to this one, run as a child
/// process, its peak from wait4's ru_maxrss) on ever longer runs, logs and plots written: adam on
/// `sphere` for 10⁴ to 10⁶ iterations, bfgs on `rosenbrock` from 10 to 1000 starts, the same as
/// a sweep with `--logs`, and (full run only) adam against a 5 s time limit. Flat figures mean memory does not grow with the
/// length of a run or the number of runs.
func longRunMemorySection(quick: Bool) throws -> (table: String, runs: [MemoryRun]) {
  // A child's ru_maxrss cannot read below this process's own peak when it was spawned.
  let floor = peakResidentBytes()
  guard
    let optimize = Bundle.main.executableURL?.deletingLastPathComponent()
      .appendingPathComponent("optimize").path,
    FileManager.default.isExecutableFile(atPath: optimize)
  else {
    throw BenchFailure(
      "no optimize binary next to optimize-bench; build it with "
        + "`swift build -c release --product optimize` (make bench does)")
  }
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("optimize-bench-memory-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: folder) }

  /// Runs `optimize` with `arguments` and `--output` a fresh folder, where its logs go to the
  /// subfolder `logFolder`.
  func measure(_ workload: String, count: Int, logFolder: String, _ arguments: [String]) throws
    -> MemoryRun
  {
    let output = folder.appendingPathComponent("\(workload)-\(count)")
    let usage = try runChild(optimize, arguments + ["--output", output.path, "--quiet"])
    guard usage.exitStatus == 0 else {
      throw BenchFailure("optimize exited with status \(usage.exitStatus) on \(workload) \(count)")
    }
    let logs = output.appendingPathComponent(logFolder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: logs.path)) ?? []
    let logBytes = names.filter { $0.hasSuffix(".csv") && $0 != "summary.csv" }.reduce(0) {
      total, name in
      let size =
        try? FileManager.default.attributesOfItem(
          atPath: logs.appendingPathComponent(name).path)[.size] as? Int
      return total + (size ?? 0)
    }
    try? FileManager.default.removeItem(at: output)
    return MemoryRun(workload: workload, count: count, usage: usage, logBytes: logBytes)
  }

  var runs: [MemoryRun] = []
  let iterationCounts = quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000]
  for n in iterationCounts {
    runs.append(
      try measure(
        "adam-sphere-iterations", count: n, logFolder: "sphere",
        ["--problem", "sphere", "--solver", "adam", "--gtol", "0", "--max-iter", "\(n)"]))
  }
  let startCounts = quick ? [10, 100] : [10, 100, 1_000]
  for starts in startCounts {
    runs.append(
      try measure(
        "bfgs-rosenbrock-starts", count: starts, logFolder: "rosenbrock",
        ["--problem", "rosenbrock", "--solver", "bfgs", "--starts", "\(starts)"]))
  }
  for starts in startCounts {
    runs.append(
      try measure(
        "sweep-bfgs-rosenbrock-starts", count: starts, logFolder: "logs",
        [
          "sweep", "--problem", "rosenbrock", "--solver", "bfgs", "--starts", "\(starts)",
          "--logs",
        ]))
  }
  if !quick {
    runs.append(
      try measure(
        "adam-sphere-time-limit-5s", count: 100_000_000, logFolder: "sphere",
        [
          "--problem", "sphere", "--solver", "adam", "--gtol", "0", "--max-iter", "100000000",
          "--time-limit", "5",
        ]))
  }

  var table = Table(
    "Peak memory of the optimize command (release, child process, ru_maxrss; logs and plots "
      + "written)",
    headers: ["run", "peak resident", "wall", "logs written"])
  for run in runs {
    let label: String
    switch run.workload {
    case "adam-sphere-iterations": label = "adam on sphere, \(run.count) iterations"
    case "bfgs-rosenbrock-starts": label = "bfgs on rosenbrock, --starts \(run.count)"
    case "sweep-bfgs-rosenbrock-starts":
      label = "sweep --logs, bfgs on rosenbrock, --starts \(run.count)"
    default: label = "adam on sphere, --time-limit 5 (--max-iter 10⁸)"
    }
    table.add([
      label, fixed(run.usage.peakResidentBytes / 1e6, 1) + " MB",
      fixed(run.usage.seconds, 2) + " s",
      fixed(Double(run.logBytes) / 1e6, 1) + " MB",
    ])
  }
  for (workload, what) in [
    ("adam-sphere-iterations", "iterations"), ("bfgs-rosenbrock-starts", "starts"),
    ("sweep-bfgs-rosenbrock-starts", "sweep starts"),
  ] {
    let peaks = runs.filter { $0.workload == workload }
    guard let first = peaks.first, let last = peaks.last else { continue }
    table.add([
      "peak at \(last.count) over peak at \(first.count) \(what)",
      ratio(last.usage.peakResidentBytes, first.usage.peakResidentBytes), "", "",
    ])
  }
  let note = floor.map {
    "(a child's figure cannot read below this process's own peak when it was spawned, "
      + "\(fixed($0 / 1e6, 1)) MB)\n"
  }
  return (table.render() + (note ?? ""), runs)
}
