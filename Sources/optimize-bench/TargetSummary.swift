/// A goal the benchmark checks: a measured figure against a bound it must not exceed.
struct Target {
  var description: String
  /// The measured figure, nil when its section did not run.
  var measured: Double?
  var bound: Double
  /// How the figure is printed ("×" for ratios).
  var unit = "×"

  var verdict: String {
    guard let measured else { return "not measured" }
    return measured <= bound ? "met" : "missed"
  }
}

/// The targets, each from the figures the sections measured. The bounds are this benchmark's
/// working goals; the README states the project's targets and copies this table next to them.
func targets(
  derivatives: [BenchRow], scaling: [BenchRow], solvers: [SolverRun], peers: [BenchRow]
) -> [Target] {
  func worst(_ rows: [BenchRow], _ include: (BenchRow) -> Bool) -> Double? {
    rows.filter(include).compactMap(\.ratio).max()
  }
  let toHand: (String, String) -> (BenchRow) -> Bool = { variant, operation in
    { $0.variant == variant && $0.reference == "hand-written" && $0.workload.hasSuffix(operation) }
  }
  let largest = scaling.map(\.n).max() ?? 0
  let fastScaling = scaling.filter { $0.variant == "fast-path" && $0.reference == "hand-written" }
  let perElement: (Int) -> Double? = { n in
    fastScaling.first { $0.workload == "rosenbrock-n:gradient" && $0.n == n }
      .map { $0.time.seconds / Double(n) }
  }
  let growth: Double? =
    if let big = perElement(largest), let small = perElement(1000), largest > 1000 {
      big / small
    } else { nil }

  // Per problem, our fastest converged solver over GSL's fastest converged one.
  var solverRatios: [Double] = []
  for problem in Set(solvers.map(\.problem)) {
    if let best = solvers.filter({ $0.problem == problem }).compactMap(\.ratioToGSLBest).min() {
      solverRatios.append(best)
    }
  }
  let fastAllocations = (derivatives + scaling).filter { $0.variant == "fast-path" }
    .compactMap(\.allocationsPerCall).max()

  return [
    Target(
      description: "fast-path gradient / hand-written (goldstein, rosenbrock, beale; worst)",
      measured: worst(derivatives, toHand("fast-path", ":gradient")), bound: 3),
    Target(
      description: "fast-path Hessian / hand-written (worst)",
      measured: worst(derivatives, toHand("fast-path", ":hessian")), bound: 5),
    Target(
      description: "define-by-run gradient / hand-written (worst)",
      measured: worst(derivatives, toHand("define-by-run", ":gradient")), bound: 100),
    Target(
      description: "heap allocations per call on the fast path (worst)",
      measured: fastAllocations, bound: 0, unit: ""),
    Target(
      description: "rosenbrock-n gradient / value, n ≥ 1000 (worst)",
      measured: worst(scaling) {
        $0.reference == "fast-path:value" && $0.n >= 1000
          && $0.workload.hasSuffix(":gradient")
      }, bound: 4),
    Target(
      description: "rosenbrock-n gradient / hand loop at n = \(largest)",
      measured: fastScaling.first { $0.workload == "rosenbrock-n:gradient" && $0.n == largest }?
        .ratio, bound: 2),
    Target(
      description: "rosenbrock-n HVP / hand loop at n = \(largest)",
      measured: fastScaling.first { $0.workload == "rosenbrock-n:hvp" && $0.n == largest }?
        .ratio, bound: 3),
    Target(
      description: "linear growth: gradient time/n at n = \(largest) over n = 1000",
      measured: growth, bound: 1.5),
    Target(
      description: "our fastest solver / GSL's fastest, per problem (worst)",
      measured: solverRatios.max(), bound: 2),
    Target(
      description: "fast path / torch-eager, every workload (worst)",
      measured: worst(peers) { $0.variant == "fast-path" && $0.reference == "torch-eager" },
      bound: 1),
    Target(
      description: "fast path / jax-jit, every workload (worst)",
      measured: worst(peers) { $0.variant == "fast-path" && $0.reference == "jax-jit" }, bound: 2),
  ]
}

/// The targets as a markdown table, for the README.
func targetSummary(_ targets: [Target]) -> String {
  var lines = [
    "## Targets", "",
    "Bounds: optimize-bench's working goals (TargetSummary.swift); ratios are seconds over seconds.",
    "", "| target | bound | measured | |", "|---|---:|---:|---|",
  ]
  for t in targets {
    let measured = t.measured.map { fixed($0, 2) + t.unit } ?? "-"
    lines.append(
      "| \(t.description) | ≤ \(fixed(t.bound, 1))\(t.unit) | \(measured) | \(t.verdict) |")
  }
  return lines.joined(separator: "\n") + "\n"
}
