import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Everything the command prints goes through `print` below, which shadows the standard
/// library's in this module:
/// - Control characters are escaped (`\u{1b}` is printed as the six characters `\u{1b}`), so a
///   title or an expression holding escape sequences (`\u001b]0;…\u0007`, `\u001b[2J`) cannot
///   retitle, clear or otherwise drive the terminal. Line breaks and tabs pass, and so do the
///   colour sequences (ESC [ digits m) that the table draws itself.
/// - A write that fails (a full disk, `/dev/full`, a closed pipe) is noticed when the output is
///   flushed at the end, and the command then exits non-zero with a message instead of 0.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let text = items.map { "\($0)" }.joined(separator: separator) + terminator
  fputs(TerminalText.escaped(text, allowingColour: true), standardOutputFile)
}

/// A stream of its own on descriptor 1 (Swift 6 does not let this module touch C's `stdout`
/// variable); nothing else in the process writes standard output. Written from one thread.
nonisolated(unsafe) private let standardOutputFile: UnsafeMutablePointer<FILE> =
  fdopen(STDOUT_FILENO, "w")

enum StandardOutput {
  /// Flushes standard output; the error message if anything written to it was lost.
  static func flush() -> String? {
    let flushed = fflush(standardOutputFile) == 0
    let code = errno
    if flushed && ferror(standardOutputFile) == 0 { return nil }
    return "cannot write standard output: \(String(cString: strerror(flushed ? EIO : code)))"
  }
}

/// Text made safe for a terminal.
enum TerminalText {
  static func escaped(_ text: String, allowingColour: Bool = false) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i < scalars.count {
      let scalar = scalars[i]
      let isControl =
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t")
        || (0x7F...0x9F).contains(scalar.value)
      if !isControl {
        result.unicodeScalars.append(scalar)
        i += 1
        continue
      }
      if allowingColour, scalar == "\u{1B}", let end = colourSequenceEnd(scalars, from: i) {
        result.unicodeScalars.append(contentsOf: scalars[i...end])
        i = end + 1
        continue
      }
      result += "\\u{" + String(scalar.value, radix: 16) + "}"
      i += 1
    }
    return result
  }

  /// The index of the final `m` of an SGR sequence ESC [ (digits and ;)* m starting at `start`.
  private static func colourSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
    guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
    var j = start + 2
    while j < scalars.count, scalars[j] == ";" || ("0"..."9").contains(scalars[j]) { j += 1 }
    return j < scalars.count && scalars[j] == "m" ? j : nil
  }
}
