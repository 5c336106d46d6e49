import Autodiff
import Foundation
import OptimizationCore
import Problems
import Reporting
import Solvers

/// One finished run, widened to Double for reporting (Float runs widen exactly).
struct CompletedRun {
  var solver: String
  var startIndex: Int
  var start: [Double]
  var status: Status
  var message: String
  var iterations: Int
  var f: Double
  var x: [Double]
  var gradientNorm: Double
  var counts: EvaluationCounts
  var seconds: Double
  var fError: Double?
  var xError: Double?
  var endedAt: String?
  /// The iteration log's path, relative to the working directory as given by `--output`.
  var logPath: String
  /// The CSV text of the log, written by `RunReport`.
  var logText: String
  /// (iteration, f, f+gradient evaluations, x) per kept iteration, for the plots.
  var path: [(iteration: Int, f: Double, evaluations: Int, x: [Double])]
}

/// Runs the selected solvers from each start in one precision.
struct RunSession {
  let problem: Problem
  let solvers: [any Solver]
  let starts: [[Double]]
  let directory: URL
  let configuration: RunCommand

  func execute<T: SolverScalar>(_ type: T.Type) -> RunReport {
    let minima = KnownMinima(problem)
    let progress = ProgressReporter(
      total: solvers.count * starts.count, enabled: !configuration.quiet)
    var runs: [CompletedRun] = []
    var interrupted = false
    var writeFailure: String?

    outer: for (startIndex, start) in starts.enumerated() {
      for solver in solvers {
        let objective = problem.makeObjective(T.self)
        var options = configuration.solverOptions(T.self)
        progress.begin(solver.name)
        options.callback = { record in
          progress.update(iteration: record.iteration, f: Double(record.f))
          return .proceed
        }
        let result = solver.minimize(objective, from: start.map { T($0) }, options: options)
        progress.end()
        let run = completed(result, startIndex: startIndex, start: start, minima: minima)
        // Written as soon as the run ends, so a later interruption cannot cost it.
        do {
          try AtomicFile.write(run.logText, to: URL(fileURLWithPath: run.logPath))
        } catch {
          writeFailure = "\(error)"
          break outer
        }
        runs.append(run)
        if result.status == .interrupted {
          interrupted = true
          break outer
        }
      }
    }
    progress.finish()
    return RunReport(
      problem: problem, minima: minima, runs: runs, directory: directory,
      configuration: configuration, wasInterrupted: interrupted, writeFailure: writeFailure)
  }

  private func completed<T: SolverScalar>(
    _ result: SolverResult<T>, startIndex: Int, start: [Double], minima: KnownMinima
  ) -> CompletedRun {
    let x = result.x.map { Double($0) }
    let f = Double(result.f)
    let fileName =
      starts.count > 1 ? "\(result.solver)-start\(startIndex + 1).csv" : "\(result.solver).csv"
    let logText = IterationLog.csv(
      for: result, coordinateNames: problem.coordinateNames,
      maxCoordinates: configuration.logCoordinates)
    let path = result.trace.map { record in
      (
        iteration: record.iteration, f: Double(record.f),
        evaluations: record.counts.f + record.counts.gradient,
        x: problem.dimension == 2 ? record.x.map { Double($0) } : []
      )
    }
    return CompletedRun(
      solver: result.solver, startIndex: startIndex, start: start, status: result.status,
      message: result.message, iterations: result.iterations, f: f, x: x,
      gradientNorm: Double(result.gradientNorm), counts: result.counts, seconds: result.elapsed,
      fError: minima.fError(f), xError: minima.xError(x), endedAt: minima.endedAt(x),
      logPath: directory.appendingPathComponent(fileName).relativePath, logText: logText,
      path: path)
  }
}
