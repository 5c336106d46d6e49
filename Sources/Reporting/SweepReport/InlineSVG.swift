/// An SVG document made fit to sit inside an HTML page: without its XML declaration, and with
/// every id (and every `url(#…)` reference to one) given a prefix, so that several plots on one
/// page do not share clip-path ids.
enum InlineSVG {
  static func embed(_ document: String, idPrefix: String) -> String {
    var text = Substring(document)
    if text.hasPrefix("<?xml"), let end = text.range(of: "?>") {
      text = text[end.upperBound...].drop { $0 == "\n" }
    }
    // Text content is escaped (`"` is `&quot;`), so these patterns only occur in markup.
    return String(text)
      .replacingOccurrences(of: " id=\"", with: " id=\"\(idPrefix)")
      .replacingOccurrences(of: "url(#", with: "url(#\(idPrefix)")
  }
}
