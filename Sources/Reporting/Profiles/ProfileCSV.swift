/// The step functions of profiles as CSV (RFC 4180, with a header): one row per breakpoint, in
/// the order of the profiles given, then of their solvers, then of x. Numbers are spelled by
/// `CSVNumber`, so they read back to the same bits. From a row on, up to the next row of the
/// same profile and solver, the profile's value is `fraction`.
public enum ProfileCSV {
  public static let performanceHeader = ["target", "cost", "solver", "tau", "fraction"]
  public static let dataHeader = ["target", "solver", "kappa", "fraction"]

  /// Columns `target, cost, solver, tau, fraction`.
  public static func performance(_ profiles: [PerformanceProfile]) -> String {
    var text = CSVWriter.record(performanceHeader)
    for profile in profiles { rows(of: profile) { text += $0 } }
    return text
  }

  /// Columns `target, solver, kappa, fraction`.
  public static func data(_ profiles: [DataProfile]) -> String {
    var text = CSVWriter.record(dataHeader)
    for profile in profiles { rows(of: profile) { text += $0 } }
    return text
  }

  /// The records of one performance profile (no header), each handed to `sink` with its CRLF.
  public static func rows(of profile: PerformanceProfile, to sink: (String) -> Void) {
    for (solver, steps) in zip(profile.solvers, profile.steps) {
      for step in steps {
        sink(
          CSVWriter.record([
            CSVNumber.format(profile.target), profile.cost.rawValue, solver,
            CSVNumber.format(step.x), CSVNumber.format(step.fraction),
          ]))
      }
    }
  }

  /// The records of one data profile (no header), each handed to `sink` with its CRLF.
  public static func rows(of profile: DataProfile, to sink: (String) -> Void) {
    for (solver, steps) in zip(profile.solvers, profile.steps) {
      for step in steps {
        sink(
          CSVWriter.record([
            CSVNumber.format(profile.target), solver, CSVNumber.format(step.x),
            CSVNumber.format(step.fraction),
          ]))
      }
    }
  }
}
