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
  /// Heap allocations per call; nil when not counted.
  var allocationsPerCall: Double? = nil
  /// scaling.csv only: the process's peak resident memory in bytes when this row was
  /// measured; nil when not known.
  var peakResidentBytes: Double? = nil

  static let header = [
    "workload", "variant", "n", "seconds_per_call", "seconds_min", "seconds_max", "reference",
    "ratio", "allocations_per_call",
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
    ]
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
