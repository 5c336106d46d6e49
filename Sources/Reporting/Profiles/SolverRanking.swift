import Foundation

/// Solvers ordered best first, by the rule in `rule`.
public struct SolverRanking: Sendable {
  public struct Entry: Sendable, Equatable {
    /// 1 for the best; solvers equal in score and solved count share a rank ("1, 2, 2, 4").
    public var rank: Int
    public var solver: String
    /// The mean of ρ_s over log₂ τ from 0 to log₂ of the largest finite ratio: the area under
    /// the performance profile on its log₂ axis, divided by the axis's length; in [0, 1].
    public var score: Double
    /// Instances solved at the ranking's target.
    public var solved: Int
  }

  public static let rule =
    "Solvers are ranked by the area under their performance profile in evaluations, on a log₂ τ "
    + "axis from 1 to the largest finite ratio of any solver, divided by that axis's length "
    + "(ρ_s(1) when every finite ratio is 1), at the tightest target level any solver reached "
    + "on some instance; ties are broken by the number of instances solved at that target, then "
    + "by name."

  /// The index of the target ranked on; nil when no solver reached any target (then every
  /// solver scores 0).
  public let target: Int?
  public let entries: [Entry]

  public init(table: SweepCostTable) throws {
    let counts = try SolvedCounts(table: table)
    let reached = table.targets.indices.filter { counts.byAny[$0] > 0 }
    target = reached.min { table.targets[$0] < table.targets[$1] }
    var scored: [Entry]
    if let target {
      let profile = try PerformanceProfile(table: table, target: target, cost: .evaluations)
      scored = table.solvers.indices.map { s in
        Entry(
          rank: 0, solver: table.solvers[s],
          score: Self.score(profile.steps[s], largestRatio: profile.largestRatio),
          solved: counts.counts[s][target])
      }
    } else {
      scored = table.solvers.map { Entry(rank: 0, solver: $0, score: 0, solved: 0) }
    }
    scored.sort {
      ($0.score, $0.solved) != ($1.score, $1.solved)
        ? ($0.score, $0.solved) > ($1.score, $1.solved) : $0.solver < $1.solver
    }
    for i in scored.indices {
      let tied =
        i > 0 && (scored[i].score, scored[i].solved) == (scored[i - 1].score, scored[i - 1].solved)
      scored[i].rank = tied ? scored[i - 1].rank : i + 1
    }
    entries = scored
  }

  /// The normalised area under a performance profile's steps up to `largestRatio`.
  static func score(_ steps: [ProfileStep], largestRatio: Double) -> Double {
    let length = log2(largestRatio)
    guard length > 0 else { return ProfileStep.value(of: steps, at: 1) }
    var area = 0.0
    for (i, step) in steps.enumerated() {
      let end = i + 1 < steps.count ? steps[i + 1].x : largestRatio
      area += step.fraction * (log2(end) - log2(step.x))
    }
    return area / length
  }

  /// A plain-text table: rank, solver, score, solved.
  public func text(targets: [Double]) -> String {
    let solvedHeader = target.map { "solved at ε=\(TableFormatter.format(targets[$0]))" }
    let formatter = TableFormatter(headers: ["rank", "solver", "score", solvedHeader ?? "solved"])
    return formatter.render(
      entries.map {
        [.integer($0.rank), .text($0.solver), .number($0.score), .integer($0.solved)]
      })
  }
}
