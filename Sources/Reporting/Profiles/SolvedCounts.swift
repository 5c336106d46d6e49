/// How many instances each solver solved at each target level (by `SweepCostTable`'s rule for
/// repeated runs), and how many any solver solved.
public struct SolvedCounts: Sendable {
  public let targets: [Double]
  public let solvers: [String]
  public let instanceCount: Int
  /// counts[solver][target].
  public let counts: [[Int]]
  /// byAny[target]: instances at least one solver solved.
  public let byAny: [Int]

  public init(table: SweepCostTable) throws {
    let perTarget = try table.targets.indices.map {
      try table.costs(target: $0, cost: .evaluations)
    }
    counts = table.solvers.indices.map { s in
      perTarget.map { rows in rows.filter { $0[s].isFinite }.count }
    }
    byAny = perTarget.map { rows in rows.filter { $0.contains(where: \.isFinite) }.count }
    targets = table.targets
    solvers = table.solvers
    instanceCount = table.instances.count
  }

  /// Column headers for the targets, "ε=1e-05".
  var targetHeaders: [String] { targets.map { "ε=\(TableFormatter.format($0))" } }

  /// A plain-text table: one row per solver and a last row for "any solver", one column per
  /// target, cells "solved/instances".
  public func text() -> String {
    let formatter = TableFormatter(headers: ["solver"] + targetHeaders)
    let cell = { (n: Int) in TableFormatter.Cell(text: "\(n)/\(instanceCount)", isNumeric: true) }
    let rows = zip(solvers, counts).map { solver, row in [.text(solver)] + row.map(cell) }
    return formatter.render(rows + [[.text("any solver")] + byAny.map(cell)])
  }
}
