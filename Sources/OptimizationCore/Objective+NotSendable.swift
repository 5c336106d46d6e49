/// An `Objective` counts its evaluations and its functions may own work buffers (a recorded
/// function does), so it must not be used by two threads at once. It is not `Sendable`, and this
/// says so for good: in Swift 6 a task cannot capture one made by another, and no module can
/// declare it `Sendable`. For parallel runs, make one objective per thread
/// (`Problem.makeObjective()`, `Objective.recording(_:dimension:)`).
@available(
  *, unavailable, message: "an Objective is used by one thread at a time; make one per thread"
)
extension Objective: Sendable {}
