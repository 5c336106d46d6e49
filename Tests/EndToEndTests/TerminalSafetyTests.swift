import Foundation
import Testing

/// What the command prints cannot drive the terminal, and output that cannot be written is an
/// error, not a silent success.
@Suite struct TerminalSafetyTests {
  static let evil = """
    title = "evil \\u001b]0;pwned\\u0007 \\u001b[2J"
    variables = ["x"]
    objective = "x^2"
    start = [1.0]
    """

  @Test("escape sequences in a title are printed escaped by the table, derive and list")
  func titlesAreEscaped() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    try Self.evil.write(
      to: directory.appendingPathComponent("evil.toml"), atomically: true, encoding: .utf8)
    for arguments in [
      ["--problem", "evil.toml", "--solver", "bfgs", "--no-plots"],
      ["derive", "--problem", "evil.toml"],
    ] {
      let outcome = try OptimizeProcess.run(arguments, in: directory)
      #expect(outcome.status == 0, "\(outcome.stderr)")
      #expect(!outcome.stdout.unicodeScalars.contains("\u{1B}"), "\(arguments)")
      #expect(!outcome.stdout.unicodeScalars.contains("\u{7}"), "\(arguments)")
      #expect(outcome.stdout.contains("evil \\u{1b}]0;pwned\\u{7} \\u{1b}[2J"), "\(arguments)")
    }
  }

  @Test("an expression with an escape in an error caret is escaped on standard error")
  func errorCaretsAreEscaped() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    try """
    title = "t"
    variables = ["x"]
    objective = "x + \\u001b[2J"
    start = [1.0]
    """.write(to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
    let outcome = try OptimizeProcess.run(["--problem", "bad.toml"], in: directory)
    #expect(outcome.status == 1)
    #expect(!outcome.stderr.unicodeScalars.contains("\u{1B}"), "\(outcome.stderr)")
  }

  @Test("standard output on /dev/full: a message and a non-zero exit")
  func fullDevice() throws {
    let directory = try OptimizeProcess.scratchDirectory()
    let process = Process()
    process.executableURL = OptimizeProcess.executable
    process.arguments = ["--problem", "sphere", "--solver", "bfgs", "--no-plots"]
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    let message = String(
      decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 1)
    #expect(message.contains("cannot write standard output"), "\(message)")
  }
}
