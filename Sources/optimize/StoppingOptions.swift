import ArgumentParser

/// The stopping options a single run and a sweep share, named alike in both.
struct StoppingOptions: ParsableArguments {
  @Option(name: .customLong("max-iter"), help: "Maximum iterations per run (default 1000).")
  var maxIterations: Int?

  @Option(help: "Gradient tolerance: stop when ‖∇f‖∞ ≤ gtol (default 1e-8).")
  var gtol: Double?

  @Option(help: "f tolerance: stop when |Δf| ≤ ftol·(|f| + ftol) (default off).")
  var ftol: Double?

  @Option(help: "x tolerance: stop when ‖Δx‖∞ ≤ xtol·(1 + ‖x‖∞) (default off).")
  var xtol: Double?

  @Option(name: .customLong("time-limit"), help: "Seconds allowed per run.")
  var timeLimit: Double?

  /// The flags given, by name; a sweep file refuses them.
  var given: [String] {
    [
      (maxIterations != nil, "--max-iter"), (gtol != nil, "--gtol"), (ftol != nil, "--ftol"),
      (xtol != nil, "--xtol"), (timeLimit != nil, "--time-limit"),
    ].filter(\.0).map(\.1)
  }
}
