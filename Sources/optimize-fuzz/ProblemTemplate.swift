/// A problem file around generated expressions, so that the expression parser and checker are
/// reached through the loader, as a user's file reaches them.
enum ProblemTemplate {
  /// Where a generated expression goes.
  enum Role: CaseIterable {
    case objective, residual, start, constantsAndResidual
  }

  /// The names in scope for expressions placed by this template.
  static let names = ["x", "y", "v", "w", "n", "c", "t", "pi", "e"]

  static func document(_ expressions: [String], role: Role, n: String = "4") -> String {
    let first = expressions.first ?? "x"
    var lines = ["title = \"fuzz\"", "variables = [\"x\", \"y\", \"v[3]\", \"w[n]\"]"]
    switch role {
    case .objective:
      lines.append("objective = \(literal(first))")
      lines.append("start = \"repeat(0.5, 5 + n)\"")
    case .residual, .constantsAndResidual:
      lines.append("residuals = [\(expressions.map(literal).joined(separator: ", "))]")
      lines.append("loss = \"half\"")
      lines.append("start = \"repeat(0.5, 5 + n)\"")
    case .start:
      lines.append("objective = \"x^2 + y^2 + sum(v^2) + sum(w^2)\"")
      lines.append("start = \(literal("[1, 2, [0, 0, 0], " + first + "]"))")
    }
    lines.append("")
    lines.append("[parameters]")
    lines.append("n = \(n)")
    lines.append("")
    lines.append("[constants]")
    lines.append("c = 2.0")
    lines.append("t = [0.5, 1.0, 1.5]")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A TOML string holding `s` exactly: a literal multi-line string when it can, else a basic
  /// string with escapes.
  static func literal(_ s: String) -> String {
    let control = s.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }
    if !control && !s.contains("'''") && !s.hasSuffix("'") { return "'''" + s + "'''" }
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if c.value < 0x20 || c.value == 0x7F {
          let hex = String(c.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }
}
