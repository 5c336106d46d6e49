import Foundation

/// The process's peak resident memory so far in bytes (VmHWM in /proc/self/status), or nil
/// where that file does not exist.
func peakResidentBytes() -> Double? {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
    return nil
  }
  for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
    if fields.count >= 2, let kibibytes = Double(fields[1]) { return kibibytes * 1024 }
  }
  return nil
}
