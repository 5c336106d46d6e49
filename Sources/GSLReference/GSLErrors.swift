import CGSL

/// GSL's error reporting, set up once per process.
enum GSLErrors {
  /// GSL's default error handler aborts the process; with it off, every GSL call reports through
  /// its return code, which each caller checks. A static `let` is initialized exactly once, even
  /// when several threads reach it together.
  private static let handlerDisabled: Void = { _ = gsl_set_error_handler_off() }()

  static func disableAbortingHandler() { _ = handlerDisabled }

  /// GSL's own sentence for a return code (`gsl_strerror`).
  static func message(_ code: Int32) -> String {
    guard let text = gsl_strerror(code) else { return "GSL error \(code)" }
    return String(cString: text)
  }
}
