import Foundation

/// Combines the stores of a sharded sweep into one.
public enum SweepMerge {
  public struct Report: Sendable {
    public var runs = 0
    /// Keys held by more than one input (kept once).
    public var duplicates: [String] = []
    /// Keys planned by some shard that no input holds.
    public var missing: [String] = []
    /// Shards 1…N absent from the inputs.
    public var absentShards: [Int] = []
  }

  /// Merges the stores at `inputs` into a new store at `output`: all must hold the same
  /// definition, as different shards (or unsharded stores) of it.
  public static func merge(into output: URL, from inputs: [URL]) throws(SweepError) -> Report {
    guard !inputs.isEmpty else { throw SweepError("merge needs at least one input") }
    let stores = try inputs.map { url throws(SweepError) in try SweepStore(existing: url) }
    let metadata = try stores.map { store throws(SweepError) in try store.metadata() }
    let first = metadata[0]
    for (url, m) in zip(inputs, metadata) where m.definitionHash != first.definitionHash {
      throw SweepError(
        "\(url.path) holds another sweep than \(inputs[0].path) (definitions "
          + "\(m.definitionHash.prefix(12)) and \(first.definitionHash.prefix(12))); refusing to mix them"
      )
    }
    var seenShards: [Int: URL] = [:]
    for (url, m) in zip(inputs, metadata) {
      if m.shardCount != first.shardCount {
        throw SweepError(
          "\(url.path) is a shard of \(m.shardCount ?? 1), not of \(first.shardCount ?? 1)")
      }
      if let shard = m.shard {
        if let other = seenShards[shard] {
          throw SweepError("shard \(shard) is given twice: \(other.path) and \(url.path)")
        }
        seenShards[shard] = url
      }
    }
    if FileManager.default.fileExists(atPath: output.path) {
      throw SweepError("\(output.path) exists; merge writes a new store")
    }
    let definition = try SweepDefinitionText.decode(first.definition)
    var merged = first
    merged.shard = nil
    merged.shardCount = nil
    let target = try SweepStore(url: output, metadata: merged, planned: [])
    var report = Report()
    for store in stores {
      report.duplicates += try target.copyRuns(from: store, epsilons: definition.targets)
    }
    report.runs = try target.runCount()
    report.missing = try target.missingKeys()
    if let count = first.shardCount {
      report.absentShards = (1...count).filter { seenShards[$0] == nil }
    }
    return report
  }
}

/// The definition stored in a store, read back.
enum SweepDefinitionText {
  static func decode(_ text: String) throws(SweepError) -> SweepDefinition {
    do {
      return try JSONDecoder().decode(SweepDefinition.self, from: Data(text.utf8))
    } catch {
      throw SweepError("the stored sweep definition cannot be read: \(error)")
    }
  }
}
