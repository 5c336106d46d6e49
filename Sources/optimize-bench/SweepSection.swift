import Foundation
import Problems
import Runs
import Solvers
import Sweeps

/// The sweep's own cost: a sweep's wall time per run against the same runs made by a bare loop
/// (`solver.minimize` on each problem's objective, made once, nothing stored), and the speed-up
/// of two jobs over one. The problem set is `mgh` when it is built in, otherwise `classic`.
func sweepSection(_ plan: TimingPlan) throws -> String {
  let suite = ProblemCatalog.suite("mgh") != nil ? "mgh" : "classic"
  var definition = SweepDefinition(
    problems: try ProblemSelection.expand([suite]).map { .init(problem: $0) },
    solvers: ["bfgs", "lbfgs", "newton", "cg-pr"].map { .init(solver: $0) })
  definition.randomStarts = 2
  let sweepPlan = try SweepPlan(definition)
  let tasks = sweepPlan.tasks
  let repeats = plan.repeats > 5 ? 5 : 1

  func bare() throws -> Double {
    let solvers = try definition.solvers.map {
      try SolverSelection.make([$0.solver], settings: $0.settings)[0]
    }
    let options = definition.runConfiguration(solver: definition.solvers[0]).solverOptions(
      Double.self)
    // The best loop by hand makes each problem's objective once and reuses it, as the sweep's
    // workers do.
    let objectives = sweepPlan.problems.map { $0.makeObjective(Double.self) }
    let start = nanoseconds()
    for task in tasks {
      let result = solvers[task.solver].minimize(
        objectives[task.instance], from: sweepPlan.starts[task.instance][task.startIndex],
        options: options)
      blackHole(result.f)
    }
    return Double(nanoseconds() - start) * 1e-9
  }
  /// Wall seconds of the sweep, and the seconds its runs spent inside their solvers (the
  /// runs' own clocks, as stored).
  func swept(jobs: Int) throws -> (wall: Double, inSolvers: Double) {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("optimize-bench-sweep-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = definition.canonicalText
    let store = try SweepStore(
      url: folder.appendingPathComponent("sweep.sqlite"),
      metadata: .init(
        definition: text, definitionHash: SweepDefinition.hash(text), version: "bench",
        host: "bench"), planned: tasks.map(\.key))
    let start = nanoseconds()
    _ = try SweepRunner(plan: sweepPlan, jobs: jobs).run(tasks, into: store)
    let wall = Double(nanoseconds() - start) * 1e-9
    return (wall, try store.runs().reduce(0) { $0 + $1.seconds })
  }
  func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

  // Bare loop and sweep alternate, so a change in the machine's speed meets both alike.
  var bareTimes: [Double] = []
  var oneTimes: [(wall: Double, inSolvers: Double)] = []
  var twoTimes: [Double] = []
  for _ in 0..<repeats {
    bareTimes.append(try bare())
    oneTimes.append(try swept(jobs: 1))
    twoTimes.append(try swept(jobs: 2).wall)
  }
  let bareSeconds = median(bareTimes)
  let one = median(oneTimes.map(\.wall))
  let inSolvers = median(oneTimes.map(\.inSolvers))
  let two = median(twoTimes)
  let runs = Double(tasks.count)
  var table = Table(
    "Sweep overhead: \(suite) × bfgs, lbfgs, newton, cg-pr × 3 starts (\(tasks.count) runs, "
      + "median of \(repeats), bare loop and sweep alternating)",
    headers: ["measure", "value", "goal"])
  table.add(["bare loop, all runs (solver.minimize only)", fixed(bareSeconds * 1e3, 1) + " ms", ""])
  table.add(["sweep, one job (wall)", fixed(one * 1e3, 1) + " ms", ""])
  table.add([
    "  of which inside the solvers (the runs' own clocks)", fixed(inSolvers * 1e3, 1) + " ms", "",
  ])
  table.add([
    "overhead per run over the bare loop",
    duration((one - bareSeconds) / runs * 1e9) + " (" + fixed((one / bareSeconds - 1) * 100, 1)
      + "%)", "< 5%",
  ])
  table.add([
    "overhead per run over the time inside the solvers",
    duration((one - inSolvers) / runs * 1e9) + " (" + fixed((one / inSolvers - 1) * 100, 1)
      + "%)", "",
  ])
  table.add(["sweep, two jobs (wall)", fixed(two * 1e3, 1) + " ms", ""])
  table.add(["speed-up of two jobs over one", fixed(one / two, 2) + "×", ""])
  return table.render()
}
