/// Runs the sections of the issues in order, prints their tables, writes
/// results/bench/{derivatives,scaling,solvers,memory,peers}.csv and prints the targets summary.
/// A section that fails is reported and skipped; the others still run.
func runIssueSections(
  quick: Bool, memory measured: Result<(table: String, runs: [MemoryRun]), any Error>
) {
  let plan: TimingPlan = quick ? .quick : .full
  func attempt<R>(_ name: String, _ body: () throws -> R) -> R? {
    do {
      return try body()
    } catch {
      print("\(name): skipped: \(error)\n")
      return nil
    }
  }
  func save(_ file: String, _ header: [String], _ rows: [[String]]) {
    do {
      try writeCSV(file, header: header, rows: rows)
    } catch {
      print("optimize-bench: cannot write results/bench/\(file): \(error)")
    }
  }

  let derivatives = attempt("derivative cost") { try derivativeCostSection(plan) }
  if let derivatives { print(derivatives.table) }
  save("derivatives.csv", BenchRow.header, (derivatives?.rows ?? []).map(\.fields))

  let sizes = quick ? [10, 1_000, 100_000] : [10, 1_000, 100_000, 1_000_000]
  let scaling = attempt("scaling") { try scalingSection(plan, sizes: sizes) }
  if let scaling { print(scaling.table) }
  save("scaling.csv", BenchRow.scalingHeader, (scaling?.rows ?? []).map(\.scalingFields))

  let solvers = attempt("solvers") { try solverSection(quick ? .quick : .full) }
  if let solvers { print(solvers.table) }
  save("solvers.csv", SolverRun.header, (solvers?.runs ?? []).map(\.fields))

  if let sweep = attempt("sweep", { try sweepSection(plan) }) { print(sweep) }

  let memory = attempt("memory") { try measured.get() }
  if let memory { print(memory.table) }
  save("memory.csv", MemoryRun.header, (memory?.runs ?? []).map(\.fields))

  let peers = peersSection(quick: quick, ours: (derivatives?.rows ?? []) + (scaling?.rows ?? []))
  print(peers.table)
  save("peers.csv", BenchRow.header, peers.rows.map(\.fields))

  print(
    targetSummary(
      targets(
        derivatives: derivatives?.rows ?? [], scaling: scaling?.rows ?? [],
        solvers: solvers?.runs ?? [], peers: peers.rows)))
  print(
    "CSV written to results/bench/: derivatives.csv, scaling.csv, solvers.csv, memory.csv, "
      + "peers.csv")
}
