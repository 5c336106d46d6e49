import Foundation

/// Runs saved inputs (findings, or files of one's own) through the target once each.
enum Replay {
  /// Prints each file's outcome; returns 4 if any broke the contract. A crash ends the process.
  static func run(_ paths: [String], corpus: String) throws -> Int32 {
    let target = FuzzTarget(baseDirectory: URL(fileURLWithPath: corpus))
    var status: Int32 = 0
    for path in paths {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      print("\(path): ", terminator: "")
      fflush(nil)
      do {
        let (outcome, note) = try target.run(String(decoding: data, as: UTF8.self))
        print(outcome.rawValue + (note.map { ": " + $0 } ?? ""))
      } catch {
        print("contract violation: \(error)")
        status = 4
      }
    }
    return status
  }
}
