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
        progress.begin(solver.name)
        options.callback = { record in
          progress.update(iteration: record.iteration, f: Double(record.f))
          return .proceed
        }
        let result = MemoryCheck.minimize(
          solver, dimension: problem.dimension, available: availableMemory,
          objective: { problem.makeObjective(T.self) }, from: start.map { T($0) },
          startValue: { T(startValue) }, options: options)
        progress.end()
        var run = CompletedRun(
          result, startIndex: startIndex, start: start, minima: minima,
          dimension: problem.dimension)
        // Written as soon as the run ends, so a later interruption cannot cost it.
        do {
          let path = logPath(solver: result.solver, startIndex: startIndex)
          let text = IterationLog.csv(
            for: result, coordinateNames: problem.coordinateNames,
            maxCoordinates: configuration.logCoordinates)
          try AtomicFile.write(text, to: URL(fileURLWithPath: path))
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
      configuration: configuration, wasInterrupted: interrupted, writeFailure: writeFailure)
  }

  /// The iteration log's path, relative to the working directory as given by `--output`.
  private func logPath(solver: String, startIndex: Int) -> String {
    let fileName = starts.count > 1 ? "\(solver)-start\(startIndex + 1).csv" : "\(solver).csv"
    return directory.appendingPathComponent(fileName).relativePath
  }
}
