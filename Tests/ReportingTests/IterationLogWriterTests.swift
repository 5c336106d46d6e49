import Autodiff
import Foundation
import OptimizationCore
import Solvers
import Testing
import _TestSupport

@testable import Reporting

@Suite struct IterationLogWriterTests {
  func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "iteration-log-writer-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func contents(of url: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }

  @Test func aLongRunIsStreamedInFullWhileItsTraceStaysBounded() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("sgd.csv")
    let n = 20_000
    let log = try IterationLogWriter<Double>(
      url: url, dimension: 1, coordinateNames: ["x, the root"])
    var options = SolverOptions<Double>()
    options.maxIterations = n
    options.gradientTolerance = 0
    options.traceCapacity = 64
    options.logSink = { log.append($0) }
    let result = SGD(learningRate: 0.01).minimize(
      TestObjectives.sqrt2(), from: [1], options: options)
    #expect(!FileManager.default.fileExists(atPath: url.path), "published before the commit")
    try log.commit()
    #expect(result.iterations == n)
    #expect(result.trace.count <= 66)

    let bytes = try Data(contentsOf: url)
    let text = String(decoding: bytes, as: UTF8.self)
    let firstLine = text.prefix { $0 != "\r\n" }
    #expect(
      firstLine
        == "iteration,f,grad_norm,step_length,\"x, the root\",f_evals,grad_evals,hessian_evals,"
        + "hvp_evals,seconds,learning_rate")
    #expect(text.hasSuffix("\r\n"))
    let table = try CSVTable(text)
    #expect(table.rows.count == n + 1)
    #expect(table.rows.allSatisfy { $0.count == table.header.count })
    #expect(table.column("iteration") == (0...n).map { String($0) })
    // x and f read back bit for bit as the recurrence worked out here.
    var x = 1.0
    var mismatches = 0
    for (xCell, fCell) in zip(table.column("x, the root") ?? [], table.column("f") ?? []) {
      let f = (x * x - 2) * (x * x - 2)
      if Double(xCell)?.bitPattern != x.bitPattern || Double(fCell)?.bitPattern != f.bitPattern {
        mismatches += 1
      }
      x -= 0.01 * (4 * x * (x * x - 2))
    }
    #expect(mismatches == 0)
    #expect(try contents(of: dir) == ["sgd.csv"])
  }

  /// Extras keys first seen after the header was written end up in sorted columns, as the
  /// in-memory rendering (checked by hand in `IterationLogTests`) puts them.
  @Test func keysThatAppearLateAreMovedToTheirSortedColumns() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("late.csv")
    let count = IterationLogWriter<Double>.headerDelay + 50
    let records = (0..<count).map { i in
      var extras = ["b": Double(i)]
      if i >= count - 20 { extras["a"] = Double(-i) }
      if i == count - 10 { extras["c"] = 0.5 }
      return IterationRecord<Double>(
        iteration: i, f: 1 / Double(i + 1), gradientNorm: .nan, stepLength: 0.1,
        x: [Double(i), 0.25], counts: EvaluationCounts(f: i + 1), elapsed: Double(i) / 8,
        extras: extras)
    }
    let log = try IterationLogWriter<Double>(url: url, dimension: 2, coordinateNames: ["u"])
    for record in records { log.append(record) }
    try log.commit()

    let text = try String(contentsOf: url, encoding: .utf8)
    let result = SolverResult<Double>(
      solver: "demo", status: .iterationLimit, message: "", x: [0, 0], f: 0, gradientNorm: 0,
      iterations: count - 1, counts: EvaluationCounts(), elapsed: 0, trace: records)
    #expect(text == IterationLog.csv(for: result, coordinateNames: ["u"]))
    let table = try CSVTable(text)
    #expect(Array(table.header.suffix(3)) == ["a", "b", "c"])
    #expect(
      table.rows[count - 10].suffix(3) == [
        "\(Double(-(count - 10)))", "\(Double(count - 10))", "0.5",
      ])
    #expect(table.rows[0].suffix(3) == ["", "0.0", ""])
    #expect(try contents(of: dir) == ["late.csv"])
  }

  @Test func theOldFileStaysUntilTheCommitAndADiscardedLogLeavesNothing() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("log.csv")
    try AtomicFile.write("old\r\n", to: url)
    let record = IterationRecord<Double>(
      iteration: 0, f: 1, gradientNorm: 2, stepLength: 0, x: [3], counts: EvaluationCounts(),
      elapsed: 0)

    let abandoned = try IterationLogWriter<Double>(url: url, dimension: 1, coordinateNames: [])
    for _ in 0..<10_000 { abandoned.append(record) }
    #expect(try String(contentsOf: url, encoding: .utf8) == "old\r\n")
    let during = try contents(of: dir)
    #expect(during.count == 2)
    #expect(during.contains { $0.hasPrefix(".log.csv.tmp-") })
    abandoned.discard()
    #expect(try contents(of: dir) == ["log.csv"])
    #expect(try String(contentsOf: url, encoding: .utf8) == "old\r\n")

    let published = try IterationLogWriter<Double>(url: url, dimension: 1, coordinateNames: [])
    published.append(record)
    try published.commit()
    #expect(try contents(of: dir) == ["log.csv"])
    #expect(try CSVTable(String(contentsOf: url, encoding: .utf8)).rows.count == 1)
  }

  /// A write that fails (here: beyond the process's file-size limit, EFBIG) loses the log: the
  /// commit throws, nothing is published and no temporary file stays. Run in a child process,
  /// whose limit cannot touch the other tests.
  @Test func aFailedWriteLeavesTheOldFileAndNoTemporaryFile() async throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("log.csv")
    try AtomicFile.write("old\r\n", to: url)
    let path: String = url.path
    await #expect(processExitsWith: .success) { [path = path as String] in
      signal(SIGXFSZ, SIG_IGN)
      var limit = rlimit(rlim_cur: 100_000, rlim_max: 100_000)
      guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else { exit(2) }
      let log = try? IterationLogWriter<Double>(
        url: URL(fileURLWithPath: path), dimension: 1, coordinateNames: [])
      guard let log else { exit(3) }
      let record = IterationRecord<Double>(
        iteration: 0, f: 1, gradientNorm: 2, stepLength: 0, x: [3], counts: EvaluationCounts(),
        elapsed: 0)
      for _ in 0..<100_000 { log.append(record) }
      guard log.failure != nil else { exit(4) }
      do {
        try log.commit()
        exit(5)
      } catch ReportingError.cannotWrite(path: path, reason: "File too large") {
        exit(0)
      } catch {
        exit(6)
      }
    }
    #expect(try contents(of: dir) == ["log.csv"])
    #expect(try String(contentsOf: url, encoding: .utf8) == "old\r\n")
  }
}
