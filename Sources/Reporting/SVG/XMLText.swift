/// Escaping for text placed in SVG (XML 1.0) content and attribute values.
public enum XMLText {
  /// `text` with `& < > " '` replaced by entities and characters XML 1.0 forbids (control
  /// characters other than tab, line feed and carriage return) replaced by U+FFFD, so any
  /// label, even one read from a user's file, keeps the document well-formed.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        let v = scalar.value
        let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v)
        out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return out
  }
}
