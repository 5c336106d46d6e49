/// An SVG document made fit to sit inside an HTML page: without its XML declaration, and with
/// every id (and every `url(#…)` reference to one) given a prefix, so that several plots on one
/// page do not share clip-path ids.
enum InlineSVG {
  static func embed(_ document: String, idPrefix: String) -> String {
    let bytes = Array(document.utf8)
    var index = 0
    if bytes.starts(with: "<?xml".utf8), let end = bytes.firstRange(of: "?>".utf8) {
      index = end.upperBound
      while index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
    }
    // Text content is escaped (`"` is `&quot;`), so these patterns only occur in markup. One
    // pass over the bytes: Foundation's `replacingOccurrences`, twice over the whole document,
    // cost more than drawing the plot.
    let patterns = [Array(" id=\"".utf8), Array("url(#".utf8)]
    let prefix = Array(idPrefix.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count - index + 64 * prefix.count)
    scan: while index < bytes.count {
      for pattern in patterns where bytes[index...].starts(with: pattern) {
        out += pattern
        out += prefix
        index += pattern.count
        continue scan
      }
      out.append(bytes[index])
      index += 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
