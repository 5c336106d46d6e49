import Autodiff
import Foundation
import OptimizationCore
import Problems
import Reporting
import Runs
import Solvers

/// Runs the selected solvers from each start in one precision.
struct RunSession {
  let problem: Problem
  let solvers: [any Solver]
  let starts: [[Double]]
  let directory: URL
  let configuration: RunConfiguration
  /// The box of the run (`RunBounds`), nil when unbounded.
  var bounds: VariableBounds? = nil
  /// Solvers brought in by `all` or `gsl` and not run because they do not handle bounds.
  var leftOut: [String] = []

  func execute<T: SolverScalar>(_ type: T.Type) -> RunReport {
    let minima = KnownMinima(problem)
    let progress = ProgressReporter(
      total: solvers.count * starts.count, enabled: !configuration.output.quiet)
    var runs: [CompletedRun] = []
    var interrupted = false
    var writeFailure: String?

    let availableMemory = MemoryCheck.availableBytes()
    outer: for (startIndex, start) in starts.enumerated() {
      let startValue = problem.value(at: start)
      for solver in solvers {
        var options = configuration.solverOptions(T.self)
        options.bounds = RunBounds.solverBounds(bounds, T.self)
        let path = logPath(solver: solver.name, startIndex: startIndex)
        let log: IterationLogWriter<T>
        do {
          log = try IterationLogWriter(
            url: URL(fileURLWithPath: path), dimension: problem.dimension,
            coordinateNames: problem.coordinateNames,
            maxCoordinates: configuration.logCoordinates)
        } catch {
          writeFailure = "\(error)"
          break outer
        }
        options.logSink = { log.append($0) }
        progress.begin(solver.name)
        options.callback = { record in
          progress.update(iteration: record.iteration, f: Double(record.f))
          // A log that cannot be written ends the session; no use running on.
          return log.failure == nil ? .proceed : .stop
        }
        let result = MemoryCheck.minimize(
          solver, dimension: problem.dimension, available: availableMemory,
          objective: { problem.makeObjective(T.self) }, from: start.map { T($0) },
          startValue: { T(startValue) }, options: options)
        progress.end()
        var run = CompletedRun(
          result, startIndex: startIndex, start: start, minima: minima,
          dimension: problem.dimension, bounds: options.bounds)
        // Only the first start is drawn; the others keep what the contour plot's bounds read,
        // so memory does not grow with the number of starts.
        if startIndex > 0 { run.path = run.path.boundingPoints }
        run.fit = LeastSquaresFit(problem: problem, at: run.x)
        // Published as soon as the run ends, so a later interruption cannot cost it.
        do {
          try log.commit()
          run.logPath = path
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
      problem: problem, minima: minima, runs: runs,
      families: Dictionary(solvers.map { ($0.name, $0.family) }, uniquingKeysWith: { a, _ in a }),
      directory: directory,
      configuration: configuration, wasInterrupted: interrupted, writeFailure: writeFailure,
      bounds: bounds, leftOut: leftOut)
  }

  /// The iteration log's path, relative to the working directory as given by `--output`.
  private func logPath(solver: String, startIndex: Int) -> String {
    let fileName = starts.count > 1 ? "\(solver)-start\(startIndex + 1).csv" : "\(solver).csv"
    return directory.appendingPathComponent(fileName).relativePath
  }
}
