import Autodiff
import Foundation
import OptimizationCore
import Solvers

/// An iteration log (`IterationLog`'s columns) streamed to disk as a run goes, in memory
/// bounded however long the run: rows go through an `AtomicFileWriter`, so the log appears under
/// its name only when `commit` publishes it complete.
///
/// A method's extras columns are known only as they appear. The header is written once the
/// first `headerDelay` records are in (or at `commit`), from their keys; a key first seen later
/// is written after the header's columns, and `commit` then rewrites the file once, a row at a
/// time, so that the columns are those of `IterationLog.csv`: every key, sorted.
public final class IterationLogWriter<T: SolverScalar> {
  /// Records held before the header is written.
  static var headerDelay: Int { 256 }

  private let file: AtomicFileWriter
  private let coordinateNames: [String]
  private let shown: Int
  private let lineEnding: CSVWriter.LineEnding
  private var waiting: [IterationRecord<T>] = []
  /// The extras keys of the header, then those first seen after it, in order of appearance.
  private var extrasKeys: [String] = []
  private var knownKeys: Set<String> = []
  private var headerKeyCount: Int?
  private var headerBytes = 0
  /// Rows written (or waiting for the header).
  public private(set) var rowCount = 0

  /// Starts the log of a run on `dimension` unknowns (the temporary file is created now, so an
  /// unwritable folder is reported before the run).
  public init(
    url: URL, dimension: Int, coordinateNames: [String], maxCoordinates: Int = 20,
    lineEnding: CSVWriter.LineEnding = .crlf
  ) throws(ReportingError) {
    file = try AtomicFileWriter(url: url)
    self.coordinateNames = coordinateNames
    shown = IterationLog.shownCoordinates(dimension: dimension, maxCoordinates: maxCoordinates)
    self.lineEnding = lineEnding
  }

  /// The first write failure; the log is then lost, and `commit` throws it.
  public var failure: ReportingError? { file.failure }

  /// The log's destination.
  public var url: URL { file.url }

  /// Adds the next record's row.
  public func append(_ record: IterationRecord<T>) {
    rowCount += 1
    for key in record.extras.keys where !knownKeys.contains(key) {
      knownKeys.insert(key)
      if headerKeyCount == nil { continue }
      extrasKeys.append(key)
    }
    guard headerKeyCount != nil else {
      waiting.append(record)
      if waiting.count >= Self.headerDelay { writeHeader() }
      return
    }
    file.append(
      CSVWriter.record(
        IterationLog.row(record, shown: shown, extrasKeys: extrasKeys), lineEnding: lineEnding))
  }

  /// Publishes the log under its name; on failure nothing is published and the temporary file
  /// is removed.
  public func commit() throws(ReportingError) {
    if headerKeyCount == nil { writeHeader() }
    guard let headerKeyCount, headerKeyCount < extrasKeys.count else {
      try file.commit()
      return
    }
    try rewriteWithAllKeys(headerKeyCount: headerKeyCount)
  }

  /// Abandons the log: nothing is published and the temporary file is removed.
  public func discard() { file.discard() }

  private func writeHeader() {
    extrasKeys = knownKeys.sorted()
    headerKeyCount = extrasKeys.count
    let header = IterationLog.header(
      coordinateNames: coordinateNames, shown: shown, extrasKeys: extrasKeys)
    file.append(CSVWriter.record(header, lineEnding: lineEnding))
    headerBytes = file.byteCount
    for record in waiting {
      file.append(
        CSVWriter.record(
          IterationLog.row(record, shown: shown, extrasKeys: extrasKeys), lineEnding: lineEnding))
    }
    waiting = []
  }

  /// Copies the rows written so far into a second temporary file under the full header, each
  /// row's extras cells moved to their sorted column, and publishes that one.
  private func rewriteWithAllKeys(headerKeyCount: Int) throws(ReportingError) {
    defer { file.discard() }
    file.flush()
    if let failure = file.failure { throw failure }
    let sortedKeys = extrasKeys.sorted()
    let fixedCount = IterationLog.leadingColumns.count + shown + IterationLog.countColumns.count
    let position = Dictionary(uniqueKeysWithValues: extrasKeys.enumerated().map { ($1, $0) })
    let order = sortedKeys.map { fixedCount + position[$0]! }

    let output = try AtomicFileWriter(url: file.url)
    output.append(
      CSVWriter.record(
        IterationLog.header(
          coordinateNames: coordinateNames, shown: shown, extrasKeys: sortedKeys),
        lineEnding: lineEnding))
    let input = open(file.temporaryPath, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else {
      output.discard()
      throw .cannotRead(path: file.temporaryPath, reason: ReportingError.reason(errno: errno))
    }
    defer { close(input) }
    guard lseek(input, off_t(headerBytes), SEEK_SET) >= 0 else {
      output.discard()
      throw .cannotRead(path: file.temporaryPath, reason: ReportingError.reason(errno: errno))
    }
    var lines = LineReader(descriptor: input)
    while let line = lines.next() {
      // Rows hold numbers only: no field is quoted, so commas split them.
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      var row = fields.prefix(fixedCount).map(String.init)
      row += order.map { $0 < fields.count ? String(fields[$0]) : "" }
      output.append(CSVWriter.record(row, lineEnding: lineEnding))
    }
    if let failure = lines.failure {
      output.discard()
      throw .cannotRead(path: file.temporaryPath, reason: ReportingError.reason(errno: failure))
    }
    try output.commit()
  }
}

/// The lines of a file read in fixed-size chunks, without their CR LF or LF ends.
private struct LineReader {
  let descriptor: Int32
  private var buffer: [UInt8] = []
  private var start = 0
  private var atEnd = false
  /// The errno of a failed read.
  private(set) var failure: Int32?

  init(descriptor: Int32) { self.descriptor = descriptor }

  mutating func next() -> String? {
    while true {
      if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
        var end = newline
        if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = String(decoding: buffer[start..<end], as: UTF8.self)
        start = newline + 1
        return line
      }
      if atEnd { return nil }
      buffer.removeFirst(start)
      start = 0
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        failure = errno
        return nil
      }
      if n == 0 { atEnd = true } else { buffer += chunk.prefix(n) }
    }
  }
}
