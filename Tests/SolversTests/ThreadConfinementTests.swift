import Testing

/// An `Objective` (and the `CompiledFunction` in it) is used by one thread at a time: Swift 6
/// refuses code that shares one between tasks, and accepts one handed over whole.
@Suite struct ThreadConfinementTests {
  static func program(usingItAfterTheTaskStarts: Bool) -> String {
    """
    import Autodiff
    import OptimizationCore
    import Solvers
    func run() async throws {
      let (objective, _) = try Objective<Double>.recording({ x in x[0] * x[0] }, dimension: 1)
      let task = Task.detached { _ = try? objective.value([1]) }
      \(usingItAfterTheTaskStarts ? "_ = try? objective.value([2])" : "")
      await task.value
    }
    """
  }

  @Test func sharingAnObjectiveBetweenTasksDoesNotCompile() throws {
    let shared = try SwiftCompiler.check(Self.program(usingItAfterTheTaskStarts: true))
    #expect(shared.status != 0)
    #expect(shared.diagnostics.contains("risks causing data races"), "\(shared.diagnostics)")
    let handedOver = try SwiftCompiler.check(Self.program(usingItAfterTheTaskStarts: false))
    #expect(handedOver.status == 0, "\(handedOver.diagnostics)")
  }
}
