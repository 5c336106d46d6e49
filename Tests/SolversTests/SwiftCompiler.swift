import Foundation

/// Compiles a Swift source against this package's built modules, for tests of what the compiler
/// accepts. The modules are those beside the test binary (`.build/<triple>/debug/Modules`).
enum SwiftCompiler {
  struct Outcome {
    let status: Int32
    let diagnostics: String
  }

  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// Runs `swiftc` in Swift 6 mode through SIL diagnostics (where data-race checks are made)
  /// on `source`, with `flags` added.
  static func check(_ source: String, flags: [String] = []) throws -> Outcome {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let modules = binary.deletingLastPathComponent().appendingPathComponent("Modules").path
    let shims = packageRoot.appendingPathComponent(
      ".build/checkouts/swift-numerics/Sources/_NumericsShims/include"
    ).path
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "optimize-swiftc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("main.swift")
    try source.write(to: file, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["swiftc", "-emit-sil", "-o", "/dev/null", "-swift-version", "6", "-I", modules, "-I", shims]
      + flags + [file.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, diagnostics: String(decoding: data, as: UTF8.self))
  }
}
