import CSQLite
import Foundation

/// A thin handle on one SQLite database: statements with bound values, rows as values.
/// Used by one thread at a time (the sweep's store serialises its callers).
final class SQLiteConnection {
  enum Value: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
  }

  private var handle: OpaquePointer?
  let path: String
  /// Prepared statements by their SQL, reused: preparing costs more than running a small insert.
  private var statements: [String: OpaquePointer] = [:]

  init(path: String) throws(SweepError) {
    self.path = path
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
    if sqlite3_open_v2(path, &handle, flags, nil) != SQLITE_OK {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close(handle)
      handle = nil
      throw SweepError("cannot open \(path): \(message)")
    }
    sqlite3_busy_timeout(handle, 10_000)
  }

  deinit {
    for statement in statements.values { sqlite3_finalize(statement) }
    sqlite3_close(handle)
  }

  private func failure(_ what: String) -> SweepError {
    SweepError("\(path): \(what): \(String(cString: sqlite3_errmsg(handle)))")
  }

  /// Runs one or more statements without parameters.
  func execute(_ sql: String) throws(SweepError) {
    if sqlite3_exec(handle, sql, nil, nil, nil) != SQLITE_OK { throw failure("SQL failed") }
  }

  /// Runs one statement with parameters and returns its rows.
  @discardableResult
  func query(_ sql: String, _ parameters: [Value] = []) throws(SweepError) -> [[Value]] {
    var statement = statements[sql]
    if statement == nil {
      statement = try prepare(sql)
      statements[sql] = statement
    }
    defer {
      sqlite3_reset(statement)
      sqlite3_clear_bindings(statement)
    }
    bind(parameters, to: statement)
    var rows: [[Value]] = []
    while let row = try step(statement, sql) { rows.append(row) }
    return rows
  }

  /// The rows of one statement, read one at a time as `next` is called, so that a large table
  /// is never held whole. The statement is its own (not the cache's), finalized with the cursor.
  final class Rows {
    private let connection: SQLiteConnection
    private var statement: OpaquePointer?
    private let sql: String

    fileprivate init(_ connection: SQLiteConnection, _ sql: String, _ parameters: [Value])
      throws(SweepError)
    {
      self.connection = connection
      self.sql = sql
      statement = try connection.prepare(sql)
      connection.bind(parameters, to: statement)
    }

    deinit { sqlite3_finalize(statement) }

    /// The next row, or nil after the last.
    func next() throws(SweepError) -> [Value]? {
      try connection.step(statement, sql)
    }
  }

  func rows(_ sql: String, _ parameters: [Value] = []) throws(SweepError) -> Rows {
    try Rows(self, sql, parameters)
  }

  private func prepare(_ sql: String) throws(SweepError) -> OpaquePointer? {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
      sqlite3_finalize(statement)
      throw failure("cannot prepare \(sql.prefix(60))")
    }
    return statement
  }

  private func bind(_ parameters: [Value], to statement: OpaquePointer?) {
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    for (index, value) in parameters.enumerated() {
      let i = Int32(index + 1)
      switch value {
      case .null: sqlite3_bind_null(statement, i)
      case .integer(let k): sqlite3_bind_int64(statement, i, k)
      case .real(let x): sqlite3_bind_double(statement, i, x)
      case .text(let s): sqlite3_bind_text(statement, i, s, -1, transient)
      }
    }
  }

  /// Steps `statement` once: its next row, or nil when it is done.
  private func step(_ statement: OpaquePointer?, _ sql: String) throws(SweepError) -> [Value]? {
    let step = sqlite3_step(statement)
    if step == SQLITE_DONE { return nil }
    guard step == SQLITE_ROW else { throw failure("cannot run \(sql.prefix(60))") }
    return (0..<sqlite3_column_count(statement)).map { column in
      switch sqlite3_column_type(statement, column) {
      case SQLITE_NULL: return .null
      case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
      case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
      default: return .text(String(cString: sqlite3_column_text(statement, column)))
      }
    }
  }

  /// Runs `body` in one transaction: all of it is stored, or none.
  func transaction(_ body: () throws(SweepError) -> Void) throws(SweepError) {
    // Prepared once and reused like every other statement: a sweep makes one transaction per run.
    try query("BEGIN IMMEDIATE")
    do {
      try body()
      try query("COMMIT")
    } catch {
      _ = try? query("ROLLBACK")
      throw error
    }
  }
}

extension SQLiteConnection.Value {
  init(_ x: Double?) { self = x.flatMap { $0.isFinite ? .real($0) : nil } ?? .null }
  init(_ k: Int?) { self = k.map { .integer(Int64($0)) } ?? .null }
  init(_ s: String?) { self = s.map { .text($0) } ?? .null }

  var double: Double? {
    switch self {
    case .real(let x): return x
    case .integer(let k): return Double(k)
    default: return nil
    }
  }
  var int: Int? {
    if case .integer(let k) = self { return Int(k) }
    return nil
  }
  var string: String? {
    if case .text(let s) = self { return s }
    return nil
  }
}
