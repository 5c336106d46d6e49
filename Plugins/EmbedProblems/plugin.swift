import Foundation
import PackagePlugin

/// Embeds every file of the package's `problems/` directory (the built-in problem files and
/// their data) into the target as string literals, so that the built binary finds them from
/// any working directory. Each file is an input of the command, so editing one rebuilds.
@main
struct EmbedProblems: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let directory = context.package.directoryURL.appending(path: "problems")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    let inputs = names.filter { !$0.hasPrefix(".") }.sorted().map {
      directory.appending(path: $0)
    }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedProblems.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) files of problems/",
        executable: try context.tool(named: "embed-problems").url,
        arguments: [output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }
}
