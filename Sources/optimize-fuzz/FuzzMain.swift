import Foundation

/// `optimize-fuzz`: a deterministic fuzzer of the problem loader (see `FuzzOptions.usage`).
/// Built with `-D LIBFUZZER -sanitize=fuzzer` it is a libFuzzer target instead (see
/// `LibFuzzerEntry.swift`).
@main
enum FuzzMain {
  static func main() {
    #if LIBFUZZER
      exit(LibFuzzerEntry.run())
    #else
      do {
        let options = try FuzzOptions(arguments: Array(CommandLine.arguments.dropFirst()))
        limitAddressSpace(mebibytes: options.memoryLimitMiB)
        if !options.replay.isEmpty { exit(try Replay.run(options.replay, corpus: options.corpus)) }
        if let index = options.print {
          let corpus = try SeedCorpus(directory: URL(fileURLWithPath: options.corpus))
          print(
            InputGenerator(corpus: corpus, seed: options.seed).input(index).text, terminator: "")
          exit(0)
        }
        exit(try FuzzDriver(options: options).run())
      } catch {
        FileHandle.standardError.write(Data("optimize-fuzz: \(error)\n".utf8))
        exit(2)
      }
    #endif
  }

  /// Caps the process's address space, so that a runaway allocation fails here at once rather
  /// than taking the memory of a shared machine.
  static func limitAddressSpace(mebibytes: Int) {
    guard mebibytes > 0 else { return }
    let bytes = rlim_t(mebibytes) << 20
    var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
    if setrlimit(Int32(RLIMIT_AS.rawValue), &limit) != 0 {
      FileHandle.standardError.write(Data("optimize-fuzz: could not limit memory\n".utf8))
    }
  }
}
