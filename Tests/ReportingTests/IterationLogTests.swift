import Autodiff
import OptimizationCore
import Solvers
import Testing

@testable import Reporting

@Suite struct IterationLogTests {
  /// Three iterations of a made-up run on f(x, y) = x² + y², written out by hand.
  func smallResult() -> SolverResult<Double> {
    let trace = [
      IterationRecord<Double>(
        iteration: 0, f: 5, gradientNorm: 20.0.squareRoot(), stepLength: 0, x: [1, 2],
        counts: EvaluationCounts(f: 1, gradient: 1), elapsed: 0.25,
        extras: ["alpha": 0.5]),
      IterationRecord<Double>(
        iteration: 1, f: 0.3125, gradientNorm: .nan, stepLength: 1.5, x: [0.25, -0.5],
        counts: EvaluationCounts(f: 3, gradient: 2, hessian: 1, hessianVector: 4), elapsed: 0.5,
        extras: ["trust_radius": 2, "alpha": 1]),
      IterationRecord<Double>(
        iteration: 2, f: 0, gradientNorm: 0, stepLength: .infinity, x: [0, -0.0],
        counts: EvaluationCounts(f: 4, gradient: 3, hessian: 1, hessianVector: 4), elapsed: 1),
    ]
    return SolverResult(
      solver: "demo", status: .gradientTolerance, message: "done", x: [0, 0], f: 0,
      gradientNorm: 0, iterations: 2, counts: trace[2].counts, elapsed: 1, trace: trace)
  }

  @Test func columnsAndValues() {
    let csv = IterationLog.csv(for: smallResult(), coordinateNames: ["x", "y"], lineEnding: .lf)
    let expected = """
      iteration,f,grad_norm,step_length,x,y,f_evals,grad_evals,hessian_evals,hvp_evals,seconds,alpha,trust_radius
      0,5.0,4.47213595499958,0.0,1.0,2.0,1,1,0,0,0.25,0.5,
      1,0.3125,NaN,1.5,0.25,-0.5,3,2,1,4,0.5,1.0,2.0
      2,0.0,0.0,inf,0.0,-0.0,4,3,1,4,1.0,,

      """
    #expect(csv == expected)
  }

  @Test func coordinatesBeyondTheLimitAreLeftOutAndUnnamedOnesIndexed() throws {
    var result = smallResult()
    for i in result.trace.indices { result.trace[i].x.append(Double(i) * 10) }
    let limited = try CSVTable(
      IterationLog.csv(for: result, coordinateNames: ["a"], maxCoordinates: 2))
    #expect(Array(limited.header[4..<6]) == ["a", "x[1]"])
    #expect(!limited.header.contains("x[2]"))

    let all = try CSVTable(IterationLog.csv(for: result, coordinateNames: [], maxCoordinates: 5))
    #expect(Array(all.header[4..<7]) == ["x[0]", "x[1]", "x[2]"])
    #expect(all.column("x[2]") == ["0.0", "10.0", "20.0"])
  }

  @Test func clashingNamesAreMadeUnique() throws {
    var result = smallResult()
    result.trace[0].extras["f"] = 7
    let table = try CSVTable(IterationLog.csv(for: result, coordinateNames: ["f", "seconds"]))
    #expect(Array(table.header[4..<6]) == ["x:f", "x:seconds"])
    #expect(table.header.contains("extra:f"))
    #expect(Set(table.header).count == table.header.count)
  }

  @Test func floatRunsAreWidenedExactly() throws {
    let record = IterationRecord<Float>(
      iteration: 0, f: 0.1, gradientNorm: 1, stepLength: 0, x: [0.1], counts: EvaluationCounts(),
      elapsed: 0)
    let result = SolverResult<Float>(
      solver: "demo", status: .iterationLimit, message: "", x: [0.1], f: 0.1, gradientNorm: 1,
      iterations: 0, counts: EvaluationCounts(), elapsed: 0, trace: [record])
    let table = try CSVTable(IterationLog.csv(for: result, coordinateNames: ["w"]))
    #expect(table.column("f") == ["0.10000000149011612"])
    #expect(table.column("w") == ["0.10000000149011612"])
  }
}
