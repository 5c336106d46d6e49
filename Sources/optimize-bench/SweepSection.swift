import Foundation
import Problems
import Runs
import Solvers
import Sweeps

/// The sweep's own cost: a sweep's wall and CPU time per run against the same runs made by a
/// bare loop (`solver.minimize` on each problem's objective, made once, nothing stored), and the
/// speed-up of two jobs over one. The problem set is `mgh` when it is built in, otherwise `classic`.
func sweepSection(_ plan: TimingPlan) throws -> String {
  let suite = ProblemCatalog.suite("mgh") != nil ? "mgh" : "classic"
  var definition = SweepDefinition(
    problems: try ProblemSelection.expand([suite]).map { .init(problem: $0) },
    solvers: ["bfgs", "lbfgs", "newton", "cg-pr"].map { .init(solver: $0) })
  definition.randomStarts = 2
  let sweepPlan = try SweepPlan(definition)
  let tasks = sweepPlan.tasks
  // Each alternation runs the bare loop and the sweep with one and two jobs; the host's speed
  // moves between alternations, so the overhead is also given per alternation (its spread).
  let repeats = plan.repeats > 5 ? 9 : 1

  func bare() throws -> Clocks {
    let solvers = try definition.solvers.map {
      try SolverSelection.make([$0.solver], settings: $0.settings)[0]
    }
    let options = definition.runConfiguration(solver: definition.solvers[0]).solverOptions(
      Double.self)
    // The best loop by hand makes each problem's objective once and reuses it, as the sweep's
    // workers do.
    let objectives = sweepPlan.problems.map { $0.makeObjective(Double.self) }
    let start = Clocks.now()
    for task in tasks {
      let result = solvers[task.solver].minimize(
        objectives[task.instance], from: sweepPlan.starts[task.instance][task.startIndex],
        options: options)
      blackHole(result.f)
    }
    return Clocks.now() - start
  }
  /// The sweep's clocks, and the seconds its runs spent inside their solvers (the runs' own
  /// clocks, as stored).
  func swept(jobs: Int) throws -> (clocks: Clocks, inSolvers: Double) {
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
    let start = Clocks.now()
    _ = try SweepRunner(plan: sweepPlan, jobs: jobs).run(tasks, into: store)
    let clocks = Clocks.now() - start
    var inSolvers = 0.0
    try store.forEachRun(history: false) { inSolvers += $0.seconds }
    return (clocks, inSolvers)
  }
  func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

  // Bare loop and sweep alternate, so a change in the machine's speed meets both alike.
  var bareTimes: [Clocks] = []
  var oneTimes: [(clocks: Clocks, inSolvers: Double)] = []
  var twoTimes: [Double] = []
  for _ in 0..<repeats {
    bareTimes.append(try bare())
    oneTimes.append(try swept(jobs: 1))
    twoTimes.append(try swept(jobs: 2).clocks.wall)
  }
  let runs = Double(tasks.count)
  let bareWall = median(bareTimes.map(\.wall))
  let bareCPU = median(bareTimes.map(\.cpu))
  let one = median(oneTimes.map(\.clocks.wall))
  let oneCPU = median(oneTimes.map(\.clocks.cpu))
  let inSolvers = median(oneTimes.map(\.inSolvers))
  let two = median(twoTimes)
  /// "0.21 ms (5.3%); per alternation 1.2 … 9.9%": the overhead of the medians, then the
  /// range of the overheads each alternation's own pair gave.
  func overhead(_ swept: Double, over base: Double, pairs: [(Double, Double)]) -> String {
    let ratios = pairs.map { ($0.0 / $0.1 - 1) * 100 }
    return duration((swept - base) / runs * 1e9) + " (" + fixed((swept / base - 1) * 100, 1)
      + "%); per alternation " + fixed(ratios.min() ?? .nan, 1) + " … "
      + fixed(ratios.max() ?? .nan, 1) + "%"
  }
  var table = Table(
    "Sweep overhead: \(suite) × bfgs, lbfgs, newton, cg-pr × 3 starts (\(tasks.count) runs, "
      + "median of \(repeats), bare loop and sweep alternating)",
    headers: ["measure", "value", "goal"])
  table.add([
    "bare loop, all runs (solver.minimize only), wall", fixed(bareWall * 1e3, 1) + " ms", "",
  ])
  table.add(["  CPU (this process)", fixed(bareCPU * 1e3, 1) + " ms", ""])
  table.add(["sweep, one job, wall", fixed(one * 1e3, 1) + " ms", ""])
  table.add(["  CPU (this process)", fixed(oneCPU * 1e3, 1) + " ms", ""])
  table.add([
    "  of which inside the solvers (the runs' own clocks)", fixed(inSolvers * 1e3, 1) + " ms", "",
  ])
  table.add([
    "overhead per run over the bare loop, wall",
    overhead(
      one, over: bareWall, pairs: zip(oneTimes, bareTimes).map { ($0.clocks.wall, $1.wall) }),
    "< 5%",
  ])
  table.add([
    "overhead per run over the bare loop, CPU",
    overhead(
      oneCPU, over: bareCPU, pairs: zip(oneTimes, bareTimes).map { ($0.clocks.cpu, $1.cpu) }),
    "< 5%",
  ])
  table.add([
    "overhead per run over the time inside the solvers, wall",
    overhead(one, over: inSolvers, pairs: oneTimes.map { ($0.clocks.wall, $0.inSolvers) }), "",
  ])
  table.add(["sweep, two jobs, wall", fixed(two * 1e3, 1) + " ms", ""])
  table.add(["speed-up of two jobs over one", fixed(one / two, 2) + "×", ""])
  return table.render()
}
