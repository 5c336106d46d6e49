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
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch let failure as CommandFailure {
      FileHandle.standardError.write(Data("optimize: \(failure.message)\n".utf8))
      Foundation.exit(failure.exitCode)
    } catch let failure as SweepError {
      FileHandle.standardError.write(Data("optimize: \(failure.description)\n".utf8))
      Foundation.exit(1)
    } catch let failure as RunConfigurationError {
      FileHandle.standardError.write(Data("optimize: \(failure.description)\n".utf8))
      Foundation.exit(1)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      let message = Self.message(for: error).split(separator: "\n").first.map(String.init) ?? ""
      FileHandle.standardError.write(Data("optimize: \(oneLine(message))\n".utf8))
      Foundation.exit(code.rawValue)
    }
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
