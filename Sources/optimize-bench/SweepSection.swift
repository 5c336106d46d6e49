import Foundation
import Problems
import Runs
import Solvers
import Sweeps

/// The sweep's own cost: a sweep's wall time per run against the same runs made by a bare loop
/// (`solver.minimize` on each problem's objective, nothing stored), and the speed-up of two
/// jobs over one. The problem set is `mgh` when it is built in, otherwise `classic`.
func sweepSection(_ plan: TimingPlan) throws -> String {
  let suite = ProblemCatalog.suite("mgh") != nil ? "mgh" : "classic"
  var definition = SweepDefinition(
    problems: try ProblemSelection.expand([suite]).map { .init(problem: $0) },
    solvers: ["bfgs", "lbfgs", "newton", "cg-pr"].map { .init(solver: $0) })
  definition.randomStarts = 2
  let sweepPlan = try SweepPlan(definition)
  let tasks = sweepPlan.tasks
  let repeats = plan.repeats > 5 ? 3 : 1

  func bare() throws -> Double {
    let solvers = try definition.solvers.map {
      try SolverSelection.make([$0.solver], settings: $0.settings)[0]
    }
    let options = definition.runConfiguration(solver: definition.solvers[0]).solverOptions(
      Double.self)
    let start = nanoseconds()
    for task in tasks {
      let problem = sweepPlan.problems[task.instance]
      let result = solvers[task.solver].minimize(
        problem.makeObjective(Double.self), from: sweepPlan.starts[task.instance][task.startIndex],
        options: options)
      blackHole(result.f)
    }
    return Double(nanoseconds() - start) * 1e-9
  }
  func swept(jobs: Int) throws -> Double {
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
    return Double(nanoseconds() - start) * 1e-9
  }
  func median(_ body: () throws -> Double) rethrows -> Double {
    let times = try (0..<repeats).map { _ in try body() }.sorted()
    return times[times.count / 2]
  }

  let bareSeconds = try median(bare)
  let one = try median { try swept(jobs: 1) }
  let two = try median { try swept(jobs: 2) }
  let runs = Double(tasks.count)
  var table = Table(
    "Sweep overhead: \(suite) × bfgs, lbfgs, newton, cg-pr × 3 starts (\(tasks.count) runs, median of \(repeats))",
    headers: ["measure", "value", "goal"])
  table.add(["bare loop, all runs", fixed(bareSeconds * 1e3, 1) + " ms", ""])
  table.add(["sweep, one job", fixed(one * 1e3, 1) + " ms", ""])
  table.add([
    "overhead per run over the bare solver time",
    duration((one - bareSeconds) / runs * 1e9) + " (" + fixed((one / bareSeconds - 1) * 100, 1)
      + "%)", "< 5%",
  ])
  table.add(["sweep, two jobs", fixed(two * 1e3, 1) + " ms", ""])
  table.add(["speed-up of two jobs over one", fixed(one / two, 2) + "×", ""])
  return table.render()
}
