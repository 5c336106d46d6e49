/// The step functions of profiles as CSV (RFC 4180, with a header): one row per breakpoint, in
/// the order of the profiles given, then of their solvers, then of x. Numbers are spelled by
/// `CSVNumber`, so they read back to the same bits. From a row on, up to the next row of the
/// same profile and solver, the profile's value is `fraction`.
public enum ProfileCSV {
  /// Columns `target, cost, solver, tau, fraction`.
  public static func performance(_ profiles: [PerformanceProfile]) -> String {
    var csv = CSVWriter(header: ["target", "cost", "solver", "tau", "fraction"])
    for profile in profiles {
      for (solver, steps) in zip(profile.solvers, profile.steps) {
        for step in steps {
          csv.appendRow([
            CSVNumber.format(profile.target), profile.cost.rawValue, solver,
            CSVNumber.format(step.x), CSVNumber.format(step.fraction),
          ])
        }
      }
    }
    return csv.text
  }

  /// Columns `target, solver, kappa, fraction`.
  public static func data(_ profiles: [DataProfile]) -> String {
    var csv = CSVWriter(header: ["target", "solver", "kappa", "fraction"])
    for profile in profiles {
      for (solver, steps) in zip(profile.solvers, profile.steps) {
        for step in steps {
          csv.appendRow([
            CSVNumber.format(profile.target), solver, CSVNumber.format(step.x),
            CSVNumber.format(step.fraction),
          ])
        }
      }
    }
    return csv.text
  }
}
