import Autodiff
import OptimizationCore

/// What the bounded methods do with a start outside their box: project it onto the box (the
/// nearest feasible point) and say so in the result's message, rather than refuse the run.
enum FeasibleStart {
  static func project<T: SolverScalar>(_ start: [T], _ bounds: Bounds<T>?, _ run: RunRecorder<T>)
    -> [T]
  {
    guard let bounds else { return start }
    let x = bounds.project(start)
    let moved = zip(x, start).filter { $0 != $1 }.count
    if moved > 0 {
      run.notes.append(
        "the start was outside the bounds: projected onto them (\(moved) coordinate"
          + "\(moved == 1 ? "" : "s") moved)")
    }
    return x
  }
}
