#if LIBFUZZER
  import Foundation

  /// The same target under libFuzzer's coverage-guided engine. Build with
  /// `swift build -c release --product optimize-fuzz -Xswiftc -sanitize=fuzzer
  /// -Xswiftc -DLIBFUZZER -Xswiftc -use-ld=lld` and run with libFuzzer's flags and a corpus
  /// directory (see scripts/fuzz.sh). SwiftPM links executables with their own `main`, so
  /// libFuzzer is started through `LLVMFuzzerRunDriver` rather than its `main`.
  enum LibFuzzerEntry {
    typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    static func run() -> Int32 {
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      return runDriver(&argc, &argv) { data, size in
        let bytes =
          data.map { UnsafeBufferPointer(start: $0, count: size) }
          ?? UnsafeBufferPointer(start: nil, count: 0)
        let target = FuzzTarget(baseDirectory: URL(fileURLWithPath: "problems"))
        do {
          _ = try target.run(String(decoding: bytes, as: UTF8.self))
        } catch {
          fatalError("contract violation: \(error)")
        }
        return 0
      }
    }
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  private func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: LibFuzzerEntry.Callback
  ) -> Int32
#endif
