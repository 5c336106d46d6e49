import Autodiff
import OptimizationCore
import Solvers
import Testing

@testable import Reporting

@Suite struct SummaryCSVTests {
  @Test func oneRowPerRunWithEmptyCellsForUnknowns() {
    let runs = [
      RunSummary(
        solver: "bfgs", status: .gradientTolerance, iterations: 12, f: 1e-20, fError: 1e-20,
        xError: 2.5e-10, gradientNorm: 3e-9, counts: EvaluationCounts(f: 15, gradient: 13),
        seconds: 0.5, endedAt: "global", log: "runs/bfgs, log.csv"),
      RunSummary(
        solver: "newton", status: .diverged, iterations: 3, f: .infinity,
        gradientNorm: .nan, counts: EvaluationCounts(f: 4, gradient: 4, hessian: 3), seconds: 2),
    ]
    let expected =
      "solver,status,converged,iterations,f,f_error,x_error,grad_norm,f_evals,grad_evals,"
      + "hessian_evals,seconds,ended_at,log\r\n"
      + "bfgs,gradient-tolerance,true,12,1e-20,1e-20,2.5e-10,3e-09,15,13,0,0.5,global,"
      + "\"runs/bfgs, log.csv\"\r\n"
      + "newton,diverged,false,3,inf,,,NaN,4,4,3,2.0,,\r\n"
    #expect(SummaryCSV.csv(runs) == expected)
  }

  @Test func summaryOfAResultCarriesItsFigures() {
    let result = SolverResult<Float>(
      solver: "gd", status: .iterationLimit, message: "", x: [1], f: 0.5, gradientNorm: 0.25,
      iterations: 100, counts: EvaluationCounts(f: 101, gradient: 101), elapsed: 1.5, trace: [])
    let summary = RunSummary(result, fError: 0.5)
    #expect(summary.f == 0.5 && summary.gradientNorm == 0.25 && summary.iterations == 100)
    #expect(!summary.converged)
    #expect(summary.counts.gradient == 101 && summary.seconds == 1.5 && summary.xError == nil)
  }
}
