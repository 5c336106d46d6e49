import Autodiff

/// A bad argument to `minimize`: the run is not started, and the message says what is wrong.
public enum MinimizeError: Error, CustomStringConvertible, Sendable {
  /// The start point is empty, has a non-finite coordinate, or does not have the objective's
  /// number of variables.
  case invalidStart(String)
  /// A setting of `SolverOptions` is outside its domain.
  case invalidOptions(String)
  /// The function cannot be minimized as written: it returns a non-scalar, combines shapes that
  /// do not fit, or reads an element past the end of its input.
  case invalidFunction(String)

  public var description: String {
    switch self {
    case .invalidStart(let reason): return "invalid start: \(reason)"
    case .invalidOptions(let reason): return "invalid options: \(reason)"
    case .invalidFunction(let reason): return "invalid function: \(reason)"
    }
  }
}
