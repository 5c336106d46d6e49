import ArgumentParser
import Foundation
import Runs
import Sweeps

/// `optimize`: run solvers side by side on a problem file, list what is available, or show a
/// problem's derivatives next to finite differences.
@main
struct Optimize: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimize",
    abstract: "Compare gradient-based optimization methods on problems described in TOML files.",
    subcommands: [RunCommand.self, ListCommand.self, DeriveCommand.self, SweepCommand.self],
    defaultSubcommand: RunCommand.self)

  /// Parses and runs, keeping bad input to one line on standard error (no usage dump) and a
  /// non-zero exit; `--help` still prints the full help.
  static func main() {
    do {
      var command = try parseAsRoot(
        NegativeNumberArguments.joined(Array(CommandLine.arguments.dropFirst())))
      try command.run()
      finish(0)
    } catch let exit as ExitCode {
      finish(exit.rawValue)
    } catch let failure as CommandFailure {
      finish(failure.exitCode, error: failure.message)
    } catch let failure as SweepError {
      finish(1, error: failure.description)
    } catch let failure as RunConfigurationError {
      finish(1, error: failure.description)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        finish(0)
      }
      let message = Self.message(for: error).split(separator: "\n").first.map(String.init) ?? ""
      finish(code.rawValue, error: oneLine(message))
    }
  }

  /// Flushes standard output (a lost write turns a success into status 1), writes the error, if
  /// any, escaped for the terminal, and exits.
  private static func finish(_ code: Int32, error: String? = nil) -> Never {
    var code = code
    var messages = error.map { [$0] } ?? []
    if let lost = StandardOutput.flush() {
      messages.append(lost)
      if code == 0 { code = 1 }
    }
    for message in messages {
      FileHandle.standardError.write(Data("optimize: \(TerminalText.escaped(message))\n".utf8))
    }
    Foundation.exit(code)
  }

  private static func oneLine(_ message: String) -> String {
    message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
  }
}

/// A failure the user caused or must know about: one message, a chosen exit status.
struct CommandFailure: Error {
  var message: String
  var exitCode: Int32 = 1

  init(_ message: String, exitCode: Int32 = 1) {
    self.message = message
    self.exitCode = exitCode
  }
}
