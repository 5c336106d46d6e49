import Autodiff
import Foundation
import OptimizationCore
import Solvers

/// Whether a solver's working memory fits before it runs: a dense method on 10⁵ unknowns asks
/// for 80 GB per matrix, and an allocation that fails aborts the whole process. A run that would
/// not fit is not made; it is reported with status `insufficient-memory` and a message giving the
/// need and what is available, and the other solvers run.
public enum MemoryCheck {
  /// Bytes the kernel reports it can give without swapping (`MemAvailable`), or the physical
  /// memory where that is not known.
  public static func availableBytes() -> Double {
    if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
      let kB = Double(line.split(separator: " ").dropFirst().first ?? "")
    {
      return kB * 1024
    }
    return Double(ProcessInfo.processInfo.physicalMemory)
  }

  /// The message refusing `solver` on `dimension` unknowns in a precision of `scalarBytes`, or
  /// nil when its working memory fits in `available` bytes.
  public static func refusal(
    _ solver: any Solver, dimension: Int, scalarBytes: Int, available: Double = availableBytes()
  ) -> String? {
    let need = solver.workingScalars(dimension: dimension) * Double(scalarBytes)
    guard need > available else { return nil }
    return "not run: \(solver.name) needs about \(bytes(need)) of working memory for n = "
      + "\(dimension); \(bytes(available)) are available"
  }

  /// Runs `solver` from `x0`, or, when its working memory would not fit in `available` bytes,
  /// returns the result of a run that was not made. The objective is made only for a real run.
  public static func minimize<T: SolverScalar>(
    _ solver: any Solver, dimension: Int, available: Double,
    objective: () -> Objective<T>, from x0: [T], startValue: () -> T, options: SolverOptions<T>
  ) -> SolverResult<T> {
    if let refusal = refusal(
      solver, dimension: dimension, scalarBytes: MemoryLayout<T>.size, available: available)
    {
      return notRun(solver, message: refusal, start: x0, value: startValue())
    }
    return solver.minimize(objective(), from: x0, options: options)
  }

  /// The result of a run that was not made: the start, its value, no evaluations counted.
  public static func notRun<T: SolverScalar>(
    _ solver: any Solver, message: String, start: [T], value: T
  ) -> SolverResult<T> {
    SolverResult(
      solver: solver.name, status: .insufficientMemory, message: message, x: start, f: value,
      gradientNorm: .nan, iterations: 0, counts: EvaluationCounts(), elapsed: 0, trace: [])
  }

  static func bytes(_ count: Double) -> String {
    let units = ["bytes", "kB", "MB", "GB", "TB", "PB"]
    var value = count
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(Int(value)) bytes" : String(format: "%.1f %@", value, units[unit])
  }
}
