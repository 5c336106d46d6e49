import Foundation

/// A sweep's results in one SQLite file, `sweep.sqlite` in the output folder.
///
/// Tables (readable with the `sqlite3` shell or pandas' `read_sql`):
/// - `sweep(name, value)`: `definition` (canonical JSON), `definition_hash`, `version` (git
///   commit), `host`, `shard` and `shard_count` (when sharded), `created_at`;
/// - `planned(key)`: the runs this store is responsible for;
/// - `runs`: one row per finished run, columns named as the single run's JSON (`problem`,
///   `solver`, `start_index`, `status`, `converged`, `f`, `f_error`, `x_error`, `ended_at`,
///   `f_evals`, `grad_evals`, `hessian_evals`, `hvp_evals`, `seconds`, …);
/// - `targets(run_key, target, epsilon, evaluations, seconds)` and
///   `history(run_key, points)`, the thinned convergence history of a run as one JSON text
///   `[[evaluations, f], …]` (null for a non-finite f).
///
/// Number columns are declared without a type: a REAL column would store a whole-number double
/// as an integer and so turn −0.0 into 0; untyped, every double comes back bit for bit.
///
/// Each run is written with its targets and history in one transaction in WAL mode with
/// `synchronous = NORMAL`: once `record` returns, the run is in the write-ahead log in the
/// operating system's hands, so it survives the process being killed (SIGKILL included). Only
/// a crash of the machine itself could lose the last commits, never the file's consistency;
/// FULL would add an fsync per run (milliseconds each) to guard against that as well.
// Unchecked: the connection is opened in serialized mode, and the runner writes through a mutex.
public final class SweepStore: @unchecked Sendable {
  public struct Metadata: Sendable, Equatable {
    public var definition: String
    public var definitionHash: String
    public var version: String
    public var host: String
    public var shard: Int?
    public var shardCount: Int?

    public init(
      definition: String, definitionHash: String, version: String, host: String,
      shard: Int? = nil, shardCount: Int? = nil
    ) {
      self.definition = definition
      self.definitionHash = definitionHash
      self.version = version
      self.host = host
      self.shard = shard
      self.shardCount = shardCount
    }
  }

  private let connection: SQLiteConnection
  public let url: URL

  static let runColumns = [
    "key", "problem", "parameters", "dimension", "solver", "settings", "start_index",
    "repetition", "status", "converged", "message", "iterations", "f", "f_star", "f_error",
    "x_error",
    "ended_at", "f_evals", "grad_evals", "hessian_evals", "hvp_evals", "seconds",
  ]

  /// Opens the store in `url`, creating it for `metadata`, or refusing when it holds another
  /// definition (or another shard of it).
  public init(url: URL, metadata: Metadata, planned: [String]) throws(SweepError) {
    self.url = url
    connection = try SQLiteConnection(path: url.path)
    try connection.execute(
      """
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS sweep (name TEXT PRIMARY KEY, value TEXT);
      CREATE TABLE IF NOT EXISTS planned (key TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS runs (
        key TEXT PRIMARY KEY, problem TEXT, parameters TEXT, dimension INTEGER, solver TEXT,
        settings TEXT, start_index INTEGER, repetition INTEGER, status TEXT, converged INTEGER,
        message TEXT, iterations INTEGER, f, f_star, f_error, x_error,
        ended_at TEXT,
        f_evals INTEGER, grad_evals INTEGER, hessian_evals INTEGER, hvp_evals INTEGER,
        seconds);
      CREATE TABLE IF NOT EXISTS targets (
        run_key TEXT, target INTEGER, epsilon, evaluations INTEGER, seconds,
        PRIMARY KEY (run_key, target));
      CREATE TABLE IF NOT EXISTS history (run_key TEXT PRIMARY KEY, points TEXT);
      """)
    if let stored = try self.storedMetadata() {
      if stored.definitionHash != metadata.definitionHash {
        throw SweepError(
          "\(url.path) holds the results of another sweep (definition \(stored.definitionHash.prefix(12)), "
            + "this one is \(metadata.definitionHash.prefix(12))); use another --output folder")
      }
      if stored.shard != metadata.shard || stored.shardCount != metadata.shardCount {
        throw SweepError(
          "\(url.path) holds shard \(Self.shardText(stored)) of this sweep, not \(Self.shardText(metadata))"
        )
      }
      return
    }
    try connection.transaction { () throws(SweepError) in
      var values: [(String, String?)] = [
        ("definition", metadata.definition), ("definition_hash", metadata.definitionHash),
        ("version", metadata.version), ("host", metadata.host),
        ("shard", metadata.shard.map(String.init)),
        ("shard_count", metadata.shardCount.map(String.init)),
        ("created_at", ISO8601DateFormatter().string(from: Date())),
      ]
      values = values.filter { $0.1 != nil }
      for (name, value) in values {
        try connection.query("INSERT INTO sweep VALUES (?, ?)", [.text(name), .init(value)])
      }
      for key in planned { try connection.query("INSERT INTO planned VALUES (?)", [.text(key)]) }
    }
  }

  private static func shardText(_ m: Metadata) -> String {
    m.shard.map { "\($0)/\(m.shardCount ?? 0)" } ?? "(whole)"
  }

  /// Opens an existing store as it is, for merging and reporting.
  public init(existing url: URL) throws(SweepError) {
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw SweepError("\(url.path): no such sweep store")
    }
    self.url = url
    connection = try SQLiteConnection(path: url.path)
    guard try storedMetadata() != nil else {
      throw SweepError("\(url.path) is not a sweep store (no definition in it)")
    }
  }

  private func storedMetadata() throws(SweepError) -> Metadata? {
    let rows = try connection.query("SELECT name, value FROM sweep")
    var values: [String: String] = [:]
    for row in rows { if let name = row[0].string { values[name] = row[1].string } }
    guard let definition = values["definition"], let hash = values["definition_hash"] else {
      return nil
    }
    return Metadata(
      definition: definition, definitionHash: hash, version: values["version"] ?? "",
      host: values["host"] ?? "", shard: values["shard"].flatMap { Int($0) },
      shardCount: values["shard_count"].flatMap { Int($0) })
  }

  public func metadata() throws(SweepError) -> Metadata {
    guard let metadata = try storedMetadata() else { throw SweepError("\(url.path): no metadata") }
    return metadata
  }

  public func plannedKeys() throws(SweepError) -> [String] {
    try connection.query("SELECT key FROM planned ORDER BY key").compactMap { $0[0].string }
  }

  public func completedKeys() throws(SweepError) -> Set<String> {
    Set(try connection.query("SELECT key FROM runs").compactMap { $0[0].string })
  }

  /// The number of stored runs.
  public func runCount() throws(SweepError) -> Int {
    try connection.query("SELECT count(*) FROM runs").first?[0].int ?? 0
  }

  /// The planned runs that are not stored, ordered by key.
  public func missingKeys() throws(SweepError) -> [String] {
    try connection.query(
      "SELECT key FROM planned WHERE key NOT IN (SELECT key FROM runs) ORDER BY key"
    ).compactMap { $0[0].string }
  }

  private func holds(_ key: String) throws(SweepError) -> Bool {
    !(try connection.query("SELECT 1 FROM runs WHERE key = ?", [.text(key)]).isEmpty)
  }

  /// Stores one run with its targets and history, durably.
  public func record(_ run: SweepRecord, epsilons: [Double]) throws(SweepError) {
    try connection.transaction { () throws(SweepError) in try insert(run, epsilons: epsilons) }
  }

  private func insert(_ r: SweepRecord, epsilons: [Double]) throws(SweepError) {
    try connection.query(
      Self.insertRun,
      [
        .text(r.key), .text(r.problem), .text(r.parameters), .init(r.dimension), .text(r.solver),
        .text(r.settings), .init(r.startIndex), .init(r.repetition), .text(r.status),
        .init(r.converged ? 1 : 0), .text(r.message), .init(r.iterations), .init(r.f),
        .init(r.fStar), .init(r.fError), .init(r.xError), .init(r.endedAt), .init(r.fEvals),
        .init(r.gradEvals),
        .init(r.hessianEvals), .init(r.hvpEvals), .init(r.seconds),
      ])
    for (i, epsilon) in epsilons.enumerated() {
      try connection.query(
        "INSERT INTO targets VALUES (?, ?, ?, ?, ?)",
        [
          .text(r.key), .init(i), .init(epsilon), .init(r.targetEvaluations[i]),
          .init(r.targetSeconds[i]),
        ])
    }
    try connection.query(
      "INSERT INTO history VALUES (?, ?)", [.text(r.key), .text(HistoryText.encode(r.history))])
  }

  private static let insertRun =
    "INSERT INTO runs (\(runColumns.joined(separator: ", "))) VALUES ("
    + Array(repeating: "?", count: runColumns.count).joined(separator: ", ") + ")"

  /// Every stored run, ordered by key, all at once; `forEachRun` reads them one at a time.
  public func runs() throws(SweepError) -> [SweepRecord] {
    var runs: [SweepRecord] = []
    try forEachRun { runs.append($0) }
    return runs
  }

  /// The order in which `forEachRun` reads the runs.
  public enum RunOrder: Sendable {
    /// By key.
    case key
    /// By problem, parameters and start, so that the runs of each (instance, start) come
    /// together, then by solver, settings and repetition. SQLite sorts them in bounded memory
    /// (spilling to a temporary file when they are many).
    case instance
  }

  /// Reads the stored runs one at a time and hands each to `body`, so that memory does not grow
  /// with their number. Without `history`, the records' histories are left empty.
  public func forEachRun(
    order: RunOrder = .key, history: Bool = true,
    _ body: (SweepRecord) throws(SweepError) -> Void
  ) throws(SweepError) {
    let orderBy =
      switch order {
      case .key: "key"
      case .instance: "problem, parameters, start_index, solver, settings, repetition, key"
      }
    let rows = try connection.rows(
      "SELECT \(Self.runColumns.joined(separator: ", ")) FROM runs ORDER BY \(orderBy)")
    while let v = try rows.next() {
      let key = v[0].string ?? ""
      let hits = try connection.query(
        "SELECT evaluations, seconds FROM targets WHERE run_key = ? ORDER BY target", [.text(key)])
      let points =
        history
        ? try connection.query("SELECT points FROM history WHERE run_key = ?", [.text(key)])
          .first?[0].string ?? "" : "[]"
      try body(
        SweepRecord(
          key: key, problem: v[1].string ?? "", parameters: v[2].string ?? "",
          dimension: v[3].int ?? 0, solver: v[4].string ?? "", settings: v[5].string ?? "",
          startIndex: v[6].int ?? 0, repetition: v[7].int ?? 0, status: v[8].string ?? "",
          converged: v[9].int == 1, message: v[10].string ?? "", iterations: v[11].int ?? 0,
          f: v[12].double, fStar: v[13].double, fError: v[14].double, xError: v[15].double,
          endedAt: v[16].string, fEvals: v[17].int ?? 0, gradEvals: v[18].int ?? 0,
          hessianEvals: v[19].int ?? 0, hvpEvals: v[20].int ?? 0, seconds: v[21].double ?? 0,
          targetEvaluations: hits.map { $0[0].int }, targetSeconds: hits.map { $0[1].double },
          history: HistoryText.decode(points)))
    }
  }

  /// Copies runs of another store of the same definition, one at a time; returns the keys that
  /// were already here (duplicates, not copied).
  func copyRuns(from other: SweepStore, epsilons: [Double]) throws(SweepError) -> [String] {
    var duplicates: [String] = []
    try connection.transaction { () throws(SweepError) in
      try other.forEachRun { run throws(SweepError) in
        if try holds(run.key) {
          duplicates.append(run.key)
        } else {
          try insert(run, epsilons: epsilons)
        }
      }
      let planned = try other.connection.rows("SELECT key FROM planned")
      while let row = try planned.next() {
        try connection.query("INSERT OR IGNORE INTO planned VALUES (?)", [row[0]])
      }
    }
    return duplicates
  }
}

/// A history as compact JSON, `[[evaluations, f], …]`, numbers that round-trip exactly.
enum HistoryText {
  static func encode(_ points: [SweepRecord.HistoryPoint]) -> String {
    // Appended into one reserved string: mapping to pieces and joining them cost as much again
    // as the run's SQLite inserts (by callgrind).
    var text = "["
    text.reserveCapacity(2 + 28 * points.count)
    for (i, point) in points.enumerated() {
      text += i == 0 ? "[" : ",["
      text += String(point.evaluations)
      text += ","
      text += point.f.isFinite ? point.f.description : "null"
      text += "]"
    }
    text += "]"
    return text
  }

  /// The points of `encode`'s text; empty for text it did not write. Read by hand, byte by
  /// byte: through JSONSerialization it took about a million instructions per run (callgrind).
  static func decode(_ text: String) -> [SweepRecord.HistoryPoint] {
    let bytes = Array(text.utf8).filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") }
    guard bytes.count >= 2, bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]")
    else { return [] }
    var points: [SweepRecord.HistoryPoint] = []
    var i = 1
    let end = bytes.count - 1
    /// The bytes from `i` up to (not including) the next `stop`, and `i` moved past it.
    func field(until stop: UInt8) -> String? {
      guard let j = bytes[i..<end].firstIndex(of: stop) else { return nil }
      defer { i = j + 1 }
      return String(decoding: bytes[i..<j], as: UTF8.self)
    }
    while i < end {
      if bytes[i] == UInt8(ascii: ",") { i += 1 }
      guard bytes[i] == UInt8(ascii: "[") else { return [] }
      i += 1
      guard let count = field(until: UInt8(ascii: ",")).flatMap({ Int($0) }),
        let value = field(until: UInt8(ascii: "]"))
      else { return [] }
      let f = value == "null" ? Double.nan : Double(value)
      guard let f else { return [] }
      points.append(.init(evaluations: count, f: f))
    }
    return points
  }
}
