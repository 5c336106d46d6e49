/// Levenshtein distance between two strings, by Unicode scalars.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
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

/// The candidates closest to `word` by edit distance, if any is reasonably close (within a
/// third of the word's length, at least 2); ties are all returned, sorted.
func nearest(_ word: String, among candidates: [String]) -> [String] {
  let scored = candidates.map { ($0, editDistance(word, $0)) }
  guard let best = scored.map(\.1).min() else { return [] }
  let limit = Swift.max(2, word.count / 3)
  guard best <= limit else { return [] }
  return scored.filter { $0.1 == best }.map(\.0).sorted()
}
