import Foundation
import PackagePlugin

/// Embeds every file of the package's `problems/` directory and its subfolders (the built-in
/// problem files and their data) into the target as string literals, so that the built binary
/// finds them from any working directory. Each file is an input of the command, so editing one
/// rebuilds.
@main
struct EmbedProblems: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let directory = context.package.directoryURL.appending(path: "problems")
    let inputs = filesBelow(directory)
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedProblems.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) files of problems/",
        executable: try context.tool(named: "embed-problems").url,
        arguments: [output.path, directory.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }

  /// The regular files under `directory`, at any depth, sorted; hidden entries are skipped.
  private func filesBelow(_ directory: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    var files = [URL]()
    for name in names.sorted() where !name.hasPrefix(".") {
      let url = directory.appending(path: name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        continue
      }
      files += isDirectory.boolValue ? filesBelow(url) : [url]
    }
    return files
  }
}
