import Foundation

/// An SVG document being written: elements appended as text in drawing order.
struct SVGCanvas {
  let width: Double
  let height: Double
  private var body: [String] = []

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  mutating func append(_ element: String) { body.append(element) }

  mutating func text(
    _ content: String, x: Double, y: Double, anchor: String = "middle", size: Double = 12,
    extra: String = ""
  ) {
    append(
      "<text x=\"\(SVGNumber.pixel(x))\" y=\"\(SVGNumber.pixel(y))\" text-anchor=\"\(anchor)\" "
        + "font-size=\"\(SVGNumber.pixel(size))\"\(extra.isEmpty ? "" : " " + extra)>"
        + "\(content)</text>")
  }

  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#000",
    width: Double = 1, dash: String = ""
  ) {
    append(
      "<line x1=\"\(SVGNumber.pixel(x1))\" y1=\"\(SVGNumber.pixel(y1))\" "
        + "x2=\"\(SVGNumber.pixel(x2))\" y2=\"\(SVGNumber.pixel(y2))\" stroke=\"\(stroke)\" "
        + "stroke-width=\"\(SVGNumber.pixel(width))\"\(Self.dashAttribute(dash))/>")
  }

  /// An open path through the points; an empty list draws nothing.
  mutating func polyline(
    _ points: [(Double, Double)], stroke: String, width: Double, dash: String = "",
    opacity: Double = 1
  ) {
    guard points.count >= 2 else { return }
    let coordinates = points.map { "\(SVGNumber.pixel($0.0)),\(SVGNumber.pixel($0.1))" }
    append(
      "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" "
        + "stroke=\"\(stroke)\" stroke-width=\"\(SVGNumber.pixel(width))\" "
        + "stroke-linejoin=\"round\" stroke-linecap=\"round\""
        + (opacity < 1 ? " stroke-opacity=\"\(SVGNumber.pixel(opacity))\"" : "")
        + "\(Self.dashAttribute(dash))/>")
  }

  /// A marker centred at (x, y); `filled` false draws the outline on white.
  mutating func marker(
    _ kind: Palette.Marker, x: Double, y: Double, size: Double, color: String, filled: Bool = true
  ) {
    let fill = filled ? color : "#ffffff"
    let style = "fill=\"\(fill)\" stroke=\"\(color)\" stroke-width=\"1.5\""
    let r = size / 2
    func p(_ dx: Double, _ dy: Double) -> String {
      "\(SVGNumber.pixel(x + dx)),\(SVGNumber.pixel(y + dy))"
    }
    switch kind {
    case .circle:
      append(
        "<circle cx=\"\(SVGNumber.pixel(x))\" cy=\"\(SVGNumber.pixel(y))\" "
          + "r=\"\(SVGNumber.pixel(r))\" \(style)/>")
    case .square:
      append("<polygon points=\"\(p(-r, -r)) \(p(r, -r)) \(p(r, r)) \(p(-r, r))\" \(style)/>")
    case .triangle:
      append(
        "<polygon points=\"\(p(0, -r * 1.2)) \(p(r * 1.1, r * 0.8)) \(p(-r * 1.1, r * 0.8))\" \(style)/>"
      )
    case .triangleDown:
      append(
        "<polygon points=\"\(p(0, r * 1.2)) \(p(r * 1.1, -r * 0.8)) \(p(-r * 1.1, -r * 0.8))\" \(style)/>"
      )
    case .diamond:
      append(
        "<polygon points=\"\(p(0, -r * 1.3)) \(p(r, 0)) \(p(0, r * 1.3)) \(p(-r, 0))\" \(style)/>")
    case .plus:
      append(
        "<path d=\"M\(p(-r, 0))L\(p(r, 0))M\(p(0, -r))L\(p(0, r))\" stroke=\"\(color)\" "
          + "stroke-width=\"2.5\" fill=\"none\"/>")
    case .cross:
      append(
        "<path d=\"M\(p(-r, -r))L\(p(r, r))M\(p(-r, r))L\(p(r, -r))\" stroke=\"\(color)\" "
          + "stroke-width=\"2.5\" fill=\"none\"/>")
    }
  }

  /// Where a path left a plot, in pixels, and the direction it was going.
  struct ExitMark {
    var x: Double
    var y: Double
    var dx: Double
    var dy: Double
    var color: String
  }

  /// Exit marks; runs that left at the same place (methods whose first step is along −∇f) get
  /// theirs side by side, across their direction, instead of one on top of the other.
  mutating func exitMarks(_ marks: [ExitMark]) {
    var marksAt: [String: Int] = [:]
    for mark in marks {
      let place = "\(Int((mark.x / 6).rounded())),\(Int((mark.y / 6).rounded()))"
      let earlier = Double(marksAt[place, default: 0])
      marksAt[place, default: 0] += 1
      let norm = (mark.dx * mark.dx + mark.dy * mark.dy).squareRoot()
      let shift = norm > 0 && norm.isFinite ? 13 * earlier / norm : 0
      exitMark(
        x: mark.x - mark.dy * shift, y: mark.y + mark.dx * shift, dx: mark.dx, dy: mark.dy,
        color: mark.color)
    }
  }

  /// A notched arrowhead centred at (x, y) pointing along (dx, dy) in pixels: where a run's
  /// path left the plot.
  mutating func exitMark(x: Double, y: Double, dx: Double, dy: Double, color: String) {
    let length = max(abs(dx), abs(dy))
    guard length > 0, length.isFinite else { return }
    let (ax, ay) = (dx / length, dy / length)
    let norm = (ax * ax + ay * ay).squareRoot()
    let (ux, uy) = (ax / norm, ay / norm)
    func p(_ along: Double, _ across: Double) -> String {
      "\(SVGNumber.pixel(x + along * ux - across * uy)),\(SVGNumber.pixel(y + along * uy + across * ux))"
    }
    append(
      "<polygon points=\"\(p(7, 0)) \(p(-6, 6)) \(p(-2, 0)) \(p(-6, -6))\" fill=\"\(color)\" "
        + "stroke=\"#000000\" stroke-width=\"1\" stroke-linejoin=\"round\"/>")
  }

  /// A five-pointed star, for known minima.
  mutating func star(x: Double, y: Double, radius: Double) {
    var points: [String] = []
    for k in 0..<10 {
      let angle = Double.pi / 2 + Double(k) * Double.pi / 5
      let r = k % 2 == 0 ? radius : radius * 0.45
      points.append("\(SVGNumber.pixel(x + r * cos(angle))),\(SVGNumber.pixel(y - r * sin(angle)))")
    }
    append(
      "<polygon points=\"\(points.joined(separator: " "))\" fill=\"#F0E442\" stroke=\"#000000\" "
        + "stroke-width=\"1.2\"/>")
  }

  private static func dashAttribute(_ dash: String) -> String {
    dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
  }

  /// The finished document.
  var document: String {
    let header =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGNumber.pixel(width))\" "
      + "height=\"\(SVGNumber.pixel(height))\" viewBox=\"0 0 \(SVGNumber.pixel(width)) "
      + "\(SVGNumber.pixel(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
      + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    return header + body.map { $0 + "\n" }.joined() + "</svg>\n"
  }
}
