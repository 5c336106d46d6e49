/// Whether operations are being recorded. Solvers update their variables inside
/// `withoutGrad { … }`, so that the update itself never becomes part of a graph.
public enum GradMode {
  @TaskLocal public static var isEnabled = true
}

/// Runs `body` with recording switched off: every value made inside is a constant.
public func withoutGrad<R>(_ body: () throws -> R) rethrows -> R {
  try GradMode.$isEnabled.withValue(false) { try body() }
}
