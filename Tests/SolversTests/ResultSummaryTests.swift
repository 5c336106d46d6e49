import OptimizationCore
import Solvers
import Testing

@Suite struct ResultSummaryTests {
  @Test func aResultPrintsOneLabelledLinePerFigure() {
    let result = SolverResult<Double>(
      solver: "bfgs", status: .gradientTolerance, message: "‖∇f‖∞ ≤ 1e-08", x: [1, 0.5], f: 0.25,
      gradientNorm: 3e-9, iterations: 12, counts: EvaluationCounts(f: 1, gradient: 15),
      elapsed: 0.00125, trace: [])
    #expect(
      result.description == """
        method       bfgs
        status       gradient-tolerance (converged): ‖∇f‖∞ ≤ 1e-08
        x            [1.0, 0.5]
        f(x)         0.25
        ‖∇f(x)‖∞     3e-09
        iterations   12
        evaluations  f 1, ∇f 15, ∇²f 0, ∇²f·v 0
        time         0.00125 s
        """)
  }

  @Test func aLongPointIsCutAndAMissingGradientSaidSo() {
    let result = SolverResult<Float>(
      solver: "nelder-mead", status: .iterationLimit, message: "reached 5 iterations",
      x: (1...12).map(Float.init), f: 2, gradientNorm: .nan, iterations: 5,
      counts: EvaluationCounts(f: 30), elapsed: 2, trace: [])
    let lines = result.description.split(separator: "\n")
    #expect(lines[1] == "status       iteration-limit: reached 5 iterations")
    #expect(
      lines[2]
        == "x            [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, … (12 coordinates)]")
    #expect(lines[4] == "‖∇f(x)‖∞     not evaluated")
    #expect(lines[7] == "time         2 s")
  }
}
