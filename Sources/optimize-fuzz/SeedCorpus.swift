import Foundation

/// The inputs mutations start from: the problem files of a directory (the built-in library,
/// `problems/`), and expression snippets that exercise every rule of the expression grammar.
struct SeedCorpus {
  /// Whole problem files.
  let files: [String]
  /// Expressions, each valid in the scope of `ProblemTemplate`.
  let expressions: [String]

  /// Reads every `*.toml` in `directory`, in name order so that runs are reproducible.
  init(directory: URL) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".toml") }.sorted()
    files = try names.map {
      try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)
    }
    expressions = Self.snippets + files.flatMap(Self.quotedStrings)
  }

  /// Expressions in the scope of `ProblemTemplate`: scalars `x`, `y`; vectors `v` (3), `w` (n);
  /// parameter `n`; constants `c` (scalar) and `t` (vector of 3).
  static let snippets = [
    "x^2 + y^2", "-x^2", "2^3^2", "x ** -1", "(x + y) * (x - y) / 2", "sum(v)", "mean(w)",
    "prod(v + 1)", "dot(v, t)", "norm(w)", "len(w) * x", "sum(repeat(v, 2))",
    "sum(range(0, n) * w)", "v[0] + v[-1]", "sum(v[1:]) + sum(v[:-1])", "sum(w[1:n-1])",
    "sum([x, y, v])", "atan2(y, x)", "pow(x, 3)", "min(x, y) + max(x, y)",
    "exp(-x) + log(1 + y^2)", "sqrt(abs(x)) + sin(x) * cos(y) + tan(x) + tanh(y) + atan(x)",
    "sum(100*(w[1:] - w[:-1]^2)^2 + (1 - w[:-1])^2)", "sum((v - t)^2)", "c * x + pi - e",
    "sum(min(v, 0)) + sum(max(t, v))", "sum([])", "prod([])", "norm([])",
    "sum(v[5:2])", "sum(x * w)", "x # a comment\n + y", "1e-3 * x + 1.5E+2 * y",
  ]

  /// The string values of a TOML text, the expressions of a problem file among them.
  static func quotedStrings(_ text: String) -> [String] {
    var found = [String]()
    for part in text.components(separatedBy: "\"\"\"").enumerated() where part.offset % 2 == 1 {
      found.append(part.element)
    }
    let singleLine = text.components(separatedBy: "\n").flatMap { line in
      line.components(separatedBy: "\"").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    }
    return found + singleLine.filter { !$0.isEmpty && $0.count < 400 }
  }
}
