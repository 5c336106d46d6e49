import Autodiff
import OptimizationCore
import Synchronization

/// A process-wide request to stop, set from a SIGINT handler; every run checks it after each
/// iteration and ends with status `.interrupted`.
public enum Interruption {
  private static let flag = Atomic<Bool>(false)
  public static var isRequested: Bool { flag.load(ordering: .relaxed) }
  public static func request() { flag.store(true, ordering: .relaxed) }
  public static func reset() { flag.store(false, ordering: .relaxed) }
}
