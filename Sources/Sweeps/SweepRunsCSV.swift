import Reporting

/// `runs.csv`: one row per run, the store's `runs` columns, then `evals_to_ε` and
/// `seconds_to_ε` per target level. RFC 4180; numbers round-trip exactly.
struct SweepRunsCSV {
  let targets: [Double]

  var header: String {
    CSVWriter.record(
      SweepStore.runColumns + targets.flatMap { ["evals_to_\($0)", "seconds_to_\($0)"] })
  }

  /// One run's record, with its CRLF.
  func row(_ r: SweepRecord) -> String {
    func number(_ x: Double?) -> String { x.map(CSVNumber.format) ?? "" }
    var row = [
      r.key, r.problem, r.parameters, "\(r.dimension)", r.solver, r.settings, "\(r.startIndex)",
      "\(r.repetition)", r.status, r.converged ? "true" : "false", r.message, "\(r.iterations)",
      number(r.f), number(r.fStar), number(r.fError), number(r.xError), r.endedAt ?? "",
      "\(r.fEvals)", "\(r.gradEvals)", "\(r.hessianEvals)", "\(r.hvpEvals)",
      CSVNumber.format(r.seconds),
    ]
    for i in targets.indices {
      row.append(
        r.targetEvaluations.indices.contains(i) ? r.targetEvaluations[i].map { "\($0)" } ?? "" : "")
      row.append(r.targetSeconds.indices.contains(i) ? number(r.targetSeconds[i]) : "")
    }
    return CSVWriter.record(row)
  }
}
