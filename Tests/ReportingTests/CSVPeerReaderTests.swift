import Foundation
import Testing

@testable import Reporting

/// Writes numbers and labels with CSVWriter and CSVNumber, then has scripts/check_csv_readers.py
/// read them back with Python's csv module, numpy and pandas: every value must return with the
/// same bits and every label intact. `make test` installs numpy and pandas
/// (scripts/setup-test.sh); without them this test fails rather than passes unseen.
@Suite struct CSVPeerReaderTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../scripts/check_csv_readers.py").standardized.path

  /// Values whose spelling is easy to get wrong: signed zeros, subnormals, the extremes, values
  /// that need all 17 significant digits, and the non-finite ones.
  static let edgeValues: [Double] = [
    0, -0.0, 1, -1, 0.1, 0.2, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 1e-300, 1e300, 1e22, 1e23,
    Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, Double.leastNormalMagnitude,
    Double.greatestFiniteMagnitude,
    -Double.greatestFiniteMagnitude, 9_007_199_254_740_991, 123_456_789.123_456_789,
    .infinity, -.infinity, .nan,
  ]

  /// Labels that need quoting or that a reader might reinterpret.
  static let labels = [
    "plain", "with, comma", "with \"quotes\"", "line\nbreak", "crlf\r\nbreak", " padded ", "",
    "NaN", "inf", "-0.0", "x₀ = (−1.2, 1)", "\"", ",,", "trailing\r",
  ]

  /// Edge values first, then random bit patterns from a fixed seed (every exponent range).
  static func values() -> [Double] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var out = edgeValues
    for _ in 0..<2000 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      out.append(Double(bitPattern: z ^ (z >> 31)))
    }
    return out
  }

  static func document() -> String {
    var writer = CSVWriter(header: ["bits", "value", "label", "label_hex"])
    for (i, value) in values().enumerated() {
      let label = labels[i % labels.count]
      let hex = label.utf8.map { String(format: "%02x", $0) }.joined()
      writer.appendRow([
        String(value.bitPattern, radix: 16), CSVNumber.format(value), label, hex,
      ])
    }
    return writer.text
  }

  @Test func pythonNumpyAndPandasReadWhatTheWriterWrites() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "csv-peers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("numbers.csv")
    try Self.document().write(to: file, atomically: true, encoding: .utf8)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script, "--require-pandas", file.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "check_csv_readers.py: \(text)")
    #expect(text.contains("\(Self.values().count) rows, 0 failures"), "\(text)")
  }
}
