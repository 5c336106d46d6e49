import TOMLKit

extension ProblemLoader {
  /// `[bounds]`: `lower` and `upper`, each an array of numbers (TOML's `inf` and `-inf` for an
  /// unbounded side) or a string expression such as `"repeat(0, n)"`, one value per scalar
  /// unknown; a side left out is unbounded. Nil when the file has no `[bounds]` or its box
  /// bounds nothing.
  func variableBounds(_ table: TOMLTable, coordinateNames names: [String], scope: Scope)
    throws(ProblemError) -> VariableBounds?
  {
    guard let value = table["bounds"] else { return nil }
    guard let t = value.table else {
      throw fail("bounds", "expected a table with lower and upper, found \(describe(value))")
    }
    try checkKeys(t, ["lower", "upper"], prefix: "bounds.")
    guard t["lower"] != nil || t["upper"] != nil else {
      throw fail("bounds", "give lower, upper or both")
    }
    let n = names.count
    let lower =
      try flatPoint(t["lower"], key: "bounds.lower", dimension: n, scope: scope)
      ?? [Double](repeating: -.infinity, count: n)
    let upper =
      try flatPoint(t["upper"], key: "bounds.upper", dimension: n, scope: scope)
      ?? [Double](repeating: .infinity, count: n)
    switch VariableBounds.checked(lower: lower, upper: upper, names: names) {
    case .success(let bounds): return bounds.isBounded ? bounds : nil
    case .failure(let fault): throw fail("bounds.\(fault.side)", fault.message)
    }
  }
}
