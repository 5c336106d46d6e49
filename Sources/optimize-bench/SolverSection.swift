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
  /// Median seconds over the repeated runs.
  var seconds: Double
  /// Our seconds over GSL's best (fastest converged) on the same problem.
  var ratioToGSLBest: Double?

  static let header = [
    "problem", "n", "solver", "source", "status", "iterations", "f_evaluations",
    "gradient_evaluations", "hessian_evaluations", "hessian_vector_evaluations", "seconds", "f",
    "gradient_norm", "reference", "ratio",
  ]

  var fields: [String] {
    [
      problem, "\(n)", solver, source, result.status.rawValue, "\(result.iterations)",
      "\(result.counts.f)", "\(result.counts.gradient)", "\(result.counts.hessian)",
      "\(result.counts.hessianVector)", CSVNumber.format(seconds), CSVNumber.format(result.f),
      CSVNumber.format(result.gradientNorm), ratioToGSLBest == nil ? "" : "gsl-best",
      ratioToGSLBest.map { CSVNumber.format($0) } ?? "",
    ]
  }
}

/// How long and how often each solver may run.
struct SolverPlan {
  var timeLimit: Double
  /// Runs faster than this (seconds) are repeated, and the median kept.
  var repeatBelow: Double
  var repeats: Int
  /// The two-variable problems to run; nil for every shipped one.
  var problems: [String]?

  static let full = SolverPlan(timeLimit: 3, repeatBelow: 0.05, repeats: 5, problems: nil)
  static let quick = SolverPlan(
    timeLimit: 0.3, repeatBelow: 0.01, repeats: 3,
    problems: ["goldstein", "rosenbrock", "beale", "himmelblau"])
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
      "HVP evals", "time", "ratio",
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
        duration(r.seconds * 1e9), r.ratioToGSLBest.map { fixed($0, 2) + "×" } ?? "-",
      ])
    }
    runs += problemRuns
  }
  return (table.render(), runs)
}

/// Runs `solver` once, and again while runs are short, keeping the median time.
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
  } while times.count < plan.repeats && times.last! < plan.repeatBelow
  times.sort()
  return SolverRun(
    problem: problem.name, n: problem.dimension, solver: solver.name, source: source,
    result: result, seconds: times[times.count / 2])
}
