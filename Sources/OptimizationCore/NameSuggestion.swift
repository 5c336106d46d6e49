/// "Did you mean …?" hints: the candidates nearest to a mistyped name by edit distance.
public enum NameSuggestion {
  /// The candidates at the smallest edit distance from `word`, if that distance is reasonable
  /// (within a third of the word's length, at least 2); otherwise those that start with `word`.
  /// Sorted, at most `limit`.
  public static func nearest(to word: String, among candidates: [String], limit: Int = 3)
    -> [String]
  {
    let scored = candidates.map { ($0, editDistance(word, $0)) }
    let threshold = Swift.max(2, word.count / 3)
    if let best = scored.map(\.1).min(), best <= threshold {
      return Array(scored.filter { $0.1 == best }.map(\.0).sorted().prefix(limit))
    }
    return Array(candidates.filter { !word.isEmpty && $0.hasPrefix(word) }.sorted().prefix(limit))
  }

  /// Levenshtein distance between two strings, by Unicode scalars.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in stride(from: 1, through: b.count, by: 1) {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = Swift.min(substitution, previous[j] + 1, current[j - 1] + 1)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
