import Foundation

/// The command line of `optimize-fuzz`, parsed by hand: the target links only the core and the
/// loader.
struct FuzzOptions {
  var count: UInt64 = 100_000
  var seed: UInt64 = 1
  /// The first input index; a run that died resumes after its culprit with `--from`.
  var from: UInt64 = 0
  var corpus = "problems"
  var output = ".build-fuzz"
  var timeoutSeconds = 5.0
  /// Address-space limit in MiB (0: none), so that a runaway allocation fails inside the
  /// fuzzer rather than filling a shared machine's memory.
  var memoryLimitMiB = 4096
  /// Files to run once each instead of generating inputs.
  var replay: [String] = []
  /// Print input `--print` and exit.
  var print: UInt64?

  static let usage = """
    usage: optimize-fuzz [--count N] [--seed S] [--from K] [--corpus DIR] [--output DIR]
                         [--timeout SECONDS] [--memory-limit MIB]
           optimize-fuzz --replay FILE...
           optimize-fuzz --print INDEX [--seed S] [--corpus DIR]

    Fuzzes the problem loader: inputs K..<N of the seeded sequence (mutations of the problem
    files in DIR, grammar-generated expressions, deep nesting, long lines) are each loaded and,
    when they load, evaluated with their gradient at the start point. The input being run is
    kept in OUTPUT/current-input.toml, so a crash leaves its culprit; an input running longer
    than the timeout is saved as OUTPUT/hang-<index>.toml and ends the run with status 3; a
    contract violation is saved as OUTPUT/violation-<index>.toml and ends it with status 4. The
    value and gradient of the graph are compared with the compiled fast path's; the first
    disagreements are saved as OUTPUT/mismatch-<index>.toml, and all are counted.
    """

  struct UsageError: Error, CustomStringConvertible { let description: String }

  init(arguments: [String]) throws(UsageError) {
    var rest = arguments[...]
    func value(_ flag: String) throws(UsageError) -> String {
      guard let v = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
      return v
    }
    func number<N: LosslessStringConvertible>(_ flag: String) throws(UsageError) -> N {
      let text = try value(flag)
      guard let n = N(text.replacingOccurrences(of: "_", with: "")) else {
        throw UsageError(description: "\(flag): '\(text)' is not a valid number")
      }
      return n
    }
    while let flag = rest.popFirst() {
      switch flag {
      case "--count": count = try number(flag)
      case "--seed": seed = try number(flag)
      case "--from": from = try number(flag)
      case "--corpus": corpus = try value(flag)
      case "--output": output = try value(flag)
      case "--timeout": timeoutSeconds = try number(flag)
      case "--memory-limit": memoryLimitMiB = try number(flag)
      case "--print": print = try number(flag)
      case "--replay":
        replay = Array(rest)
        rest = []
        guard !replay.isEmpty else { throw UsageError(description: "--replay needs files") }
      case "-h", "--help": throw UsageError(description: Self.usage)
      default: throw UsageError(description: "unknown option '\(flag)'\n\(Self.usage)")
      }
    }
    guard timeoutSeconds > 0 else { throw UsageError(description: "--timeout must be positive") }
  }
}
