import Foundation
import Reporting

/// One row of derivatives.csv, scaling.csv or peers.csv: a workload (`<function>:<operation>`)
/// timed in one variant at size n, optionally against a reference variant.
struct BenchRow {
  var workload: String
  var variant: String
  var n: Int
  var time: Measurement
  /// The variant this row is compared with; empty when none.
  var reference = ""
  /// This row's seconds per call over the reference's.
  var ratio: Double? = nil
  /// The reference's own measurement, where its spread is known (peers.csv): then
  /// `ratioRange` bounds the ratio by both spreads.
  var referenceTime: Measurement? = nil
  /// Heap allocations per call; nil when not counted.
  var allocationsPerCall: Double? = nil
  /// peers.csv only: the peer's CPU time over wall time while timed (about 1 on one thread).
  var cpuOverWall: Double? = nil
  /// scaling.csv only: the process's peak resident memory in bytes when this row was
  /// measured; nil when not known.
  var peakResidentBytes: Double? = nil

  static let header = [
    "workload", "variant", "n", "seconds_per_call", "seconds_min", "seconds_max", "reference",
    "ratio", "allocations_per_call", "ratio_min", "ratio_max", "cpu_over_wall",
  ]

  /// scaling.csv's header: the columns, then the time per element (seconds per call
  /// over n, flat when the cost is linear in n) and the peak memory.
  static let scalingHeader = header + ["seconds_per_element", "peak_resident_bytes"]

  var scalingFields: [String] {
    fields + [
      CSVNumber.format(time.seconds / Double(n)),
      peakResidentBytes.map { CSVNumber.format($0) } ?? "",
    ]
  }

  var fields: [String] {
    [
      workload, variant, "\(n)", CSVNumber.format(time.seconds), CSVNumber.format(time.secondsMin),
      CSVNumber.format(time.secondsMax), reference, ratio.map { CSVNumber.format($0) } ?? "",
      allocationsPerCall.map { CSVNumber.format($0) } ?? "",
      ratioRange.map { CSVNumber.format($0.low) } ?? "",
      ratioRange.map { CSVNumber.format($0.high) } ?? "",
      cpuOverWall.map { CSVNumber.format($0) } ?? "",
    ]
  }

  /// The ratio's extremes over both measurements' spreads: this row's fastest batch over the
  /// reference's slowest, and its slowest over the reference's fastest.
  var ratioRange: (low: Double, high: Double)? {
    guard let referenceTime else { return nil }
    return (time.secondsMin / referenceTime.secondsMax, time.secondsMax / referenceTime.secondsMin)
  }
}

/// Where the CSV files go: `results/bench/` under the current directory.
let benchResultsDirectory = URL(fileURLWithPath: "results/bench", isDirectory: true)

/// Writes `rows` (RFC 4180, CRLF) to `results/bench/<name>` atomically.
func writeCSV(_ name: String, header: [String], rows: [[String]]) throws {
  var writer = CSVWriter(header: header)
  for row in rows { writer.appendRow(row) }
  try AtomicFile.write(writer.text, to: benchResultsDirectory.appendingPathComponent(name))
}
