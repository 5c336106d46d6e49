/// A `CompiledFunction` owns work buffers, so it must not be used by two threads at once. It is
/// not `Sendable`, and this says so for good: in Swift 6 a task cannot capture one made by
/// another. For another thread, take a `copy()`, which shares the immutable program and has its
/// own buffers.
@available(
  *, unavailable,
  message: "a CompiledFunction is used by one thread at a time; give each thread its own copy()"
)
extension CompiledFunction: Sendable {}
