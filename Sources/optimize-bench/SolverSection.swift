import Autodiff
import GSLReference
import OptimizationCore
import Problems
import Reporting
import Solvers

/// One solver's run on one problem, as solvers.csv records it.
struct SolverRun {
  var problem: String
  var n: Int
  var solver: String
  /// "ours" or "gsl".
  var source: String
  var result: SolverResult<Double>
  /// Median seconds over the timed runs.
  var seconds: Double
  /// How many times the run was timed (see `SolverPlan`).
  var timings: Int
  /// Our seconds over GSL's best (fastest converged) on the same problem.
  var ratioToGSLBest: Double?

  static let header = [
    "problem", "n", "solver", "source", "status", "iterations", "f_evaluations",
    "gradient_evaluations", "hessian_evaluations", "hessian_vector_evaluations", "seconds", "f",
    "gradient_norm", "reference", "ratio", "timings",
  ]

  var fields: [String] {
    [
      problem, "\(n)", solver, source, result.status.rawValue, "\(result.iterations)",
      "\(result.counts.f)", "\(result.counts.gradient)", "\(result.counts.hessian)",
      "\(result.counts.hessianVector)", CSVNumber.format(seconds), CSVNumber.format(result.f),
      CSVNumber.format(result.gradientNorm), ratioToGSLBest == nil ? "" : "gsl-best",
      ratioToGSLBest.map { CSVNumber.format($0) } ?? "", "\(timings)",
    ]
  }
}

/// How long and how often each solver may run. Every run is timed `repeats` times and the
/// median kept, except that runs of `fewerAbove` seconds or more are timed `longRepeats` times
/// and runs of `onceAbove` seconds or more, or ended by the time limit (their time is the
/// limit), once. The table's "timed" column says which.
struct SolverPlan {
  var timeLimit: Double
  var repeats: Int
  var fewerAbove: Double
  var longRepeats: Int
  var onceAbove: Double
  /// The two-variable problems to run; nil for every shipped one.
  var problems: [String]?

  static let full = SolverPlan(
    timeLimit: 3, repeats: 5, fewerAbove: 0.05, longRepeats: 3, onceAbove: 1, problems: nil)
  static let quick = SolverPlan(
    timeLimit: 0.3, repeats: 3, fewerAbove: 0.01, longRepeats: 3, onceAbove: 0.1,
    problems: ["goldstein", "rosenbrock", "beale", "himmelblau"])

  /// How many timings a run that took `seconds` gets.
  func timings(afterFirst seconds: Double, _ status: Status) -> Int {
    if status == .timeLimit || seconds >= onceAbove { return 1 }
    return seconds >= fewerAbove ? longRepeats : repeats
  }
}

/// Section 3: every solver, ours and GSL's, on every shipped two-variable problem and on
/// `rosenbrock-n` (n = 1000) from the standard start to ‖∇f‖ ≤ 1e-6 (or its status).
func solverSection(_ plan: SolverPlan) throws -> (table: String, runs: [SolverRun]) {
  var problems: [Problem] = []
  for name in plan.problems ?? ProblemCatalog.builtinNames {
    let problem = try ProblemCatalog.load(name)
    if problem.dimension == 2 { problems.append(problem) }
  }
  problems.append(try ProblemCatalog.load("rosenbrock-n", parameters: ["n": 1000]))

  var options = SolverOptions<Double>()
  options.gradientTolerance = 1e-6
  options.maxIterations = 100_000
  options.timeLimit = plan.timeLimit
  options.traceEvery = 1_000_000

  var table = Table(
    "Solvers from the standard start to gradient norm 1e-6 (ratio: seconds over GSL's fastest "
      + "converged run on the problem)",
    headers: [
      "problem", "solver", "status", "iterations", "f evals", "grad evals", "Hess evals",
      "HVP evals", "time", "timed", "ratio",
    ])
  var runs: [SolverRun] = []
  for problem in problems {
    var problemRuns: [SolverRun] = []
    for (source, solvers) in [("gsl", GSLCatalog.all), ("ours", SolverCatalog.all)] {
      for solver in solvers {
        problemRuns.append(run(solver, source: source, on: problem, options, plan))
      }
    }
    let gslBest = problemRuns.filter { $0.source == "gsl" && $0.result.converged }.map(\.seconds)
      .min()
    for k in problemRuns.indices where problemRuns[k].source == "ours" {
      if let best = gslBest, problemRuns[k].result.converged {
        problemRuns[k].ratioToGSLBest = problemRuns[k].seconds / best
      }
    }
    for r in problemRuns {
      table.add([
        r.n == 2 ? r.problem : "\(r.problem) (n=\(r.n))", r.solver, r.result.status.rawValue,
        "\(r.result.iterations)", "\(r.result.counts.f)", "\(r.result.counts.gradient)",
        "\(r.result.counts.hessian)", "\(r.result.counts.hessianVector)",
        duration(r.seconds * 1e9), "\(r.timings)×",
        r.ratioToGSLBest.map { fixed($0, 2) + "×" } ?? "-",
      ])
    }
    runs += problemRuns
  }
  return (table.render(), runs)
}

/// Runs `solver` as often as the plan says for a run of its length, keeping the median time.
private func run(
  _ solver: any Solver, source: String, on problem: Problem, _ options: SolverOptions<Double>,
  _ plan: SolverPlan
) -> SolverRun {
  var times: [Double] = []
  var result: SolverResult<Double>
  repeat {
    let objective = problem.makeObjective(Double.self)
    let start = nanoseconds()
    result = solver.minimize(objective, from: problem.start, options: options)
    times.append(Double(nanoseconds() - start) / 1e9)
  } while times.count < plan.timings(afterFirst: times[0], result.status)
  times.sort()
  return SolverRun(
    problem: problem.name, n: problem.dimension, solver: solver.name, source: source,
    result: result, seconds: times[times.count / 2], timings: times.count)
}
