import Testing

@testable import Reporting

/// A hand-worked sweep: three instances, three solvers, two target levels.
///
/// Evaluations to reach ε = 1e-3 (— is a failure):
///
///     instance  n   s1   s2   s3
///     A         1   10   20   —
///     B         2   30   30   60      (s1 and s2 tie)
///     C         3   —    —    —       (nobody solves it)
///
/// Nobody reaches ε = 1e-6. Seconds are evaluations / 1000.
enum HandSweep {
  static let targets = [1e-3, 1e-6]

  static func run(_ instance: String, _ n: Int, _ solver: String, _ evaluations: Int?)
    -> SweepOutcome
  {
    SweepOutcome(
      instance: instance, dimension: n, solver: solver, converged: evaluations != nil,
      evaluations: 100, seconds: 0.1,
      evaluationsToTarget: [evaluations, nil],
      secondsToTarget: [evaluations.map { Double($0) / 1000 }, nil])
  }

  static let outcomes = [
    run("A", 1, "s1", 10), run("A", 1, "s2", 20), run("A", 1, "s3", nil),
    run("B", 2, "s1", 30), run("B", 2, "s2", 30), run("B", 2, "s3", 60),
    run("C", 3, "s1", nil), run("C", 3, "s2", nil), run("C", 3, "s3", nil),
  ]

  static func table() throws -> SweepCostTable {
    try SweepCostTable(outcomes: outcomes, targets: targets)
  }
}

@Suite struct PerformanceProfileTests {
  @Test func ratiosDivideByTheCheapestSolverAndFailuresAreInfinite() throws {
    let profile = try PerformanceProfile(table: HandSweep.table(), target: 0, cost: .evaluations)
    // A: best 10 → 10/10, 20/10, ∞.  B: best 30 → 1, 1, 60/30.  C: nobody → ∞ for all.
    #expect(
      profile.ratios == [
        [1, 2, .infinity], [1, 1, 2], [.infinity, .infinity, .infinity],
      ])
  }

  @Test func stepsAreTheExactBreakpoints() throws {
    let profile = try PerformanceProfile(table: HandSweep.table(), target: 0, cost: .evaluations)
    // s1: ratios {1, 1, ∞} → ρ(1) = 2/3.
    #expect(profile.steps[0] == [ProfileStep(x: 1, fraction: 2.0 / 3)])
    // s2: ratios {2, 1, ∞} → ρ(1) = 1/3, ρ(2) = 2/3.
    #expect(
      profile.steps[1] == [
        ProfileStep(x: 1, fraction: 1.0 / 3), ProfileStep(x: 2, fraction: 2.0 / 3),
      ])
    // s3: ratios {∞, 2, ∞} → never cheapest, ρ(2) = 1/3.
    #expect(
      profile.steps[2] == [ProfileStep(x: 1, fraction: 0), ProfileStep(x: 2, fraction: 1.0 / 3)])
    #expect(profile.fraction(solver: 1, tau: 1.999) == 1.0 / 3)
    #expect(profile.fraction(solver: 1, tau: 1e9) == 2.0 / 3)
  }

  @Test func aTargetNobodyReachedGivesZeroEverywhere() throws {
    let profile = try PerformanceProfile(table: HandSweep.table(), target: 1, cost: .evaluations)
    #expect(profile.steps.allSatisfy { $0 == [ProfileStep(x: 1, fraction: 0)] })
  }

  @Test func secondsBelowTheFloorAreRaisedToIt() throws {
    // 0 s and 2 µs: the 0 becomes 1 µs, so the ratios are 1 and 2 (not 1 and ∞).
    let outcomes = [
      SweepOutcome(
        instance: "A", dimension: 1, solver: "fast", converged: true, evaluations: 1, seconds: 0,
        evaluationsToTarget: [1], secondsToTarget: [0]),
      SweepOutcome(
        instance: "A", dimension: 1, solver: "slow", converged: true, evaluations: 1,
        seconds: 2e-6, evaluationsToTarget: [1], secondsToTarget: [2e-6]),
    ]
    let table = try SweepCostTable(outcomes: outcomes, targets: [0.1])
    let profile = try PerformanceProfile(table: table, target: 0, cost: .seconds)
    #expect(profile.ratios == [[1, 2]])
  }
}

@Suite struct DataProfileTests {
  @Test func kappaIsEvaluationsOverNPlusOne() throws {
    let profile = try DataProfile(table: HandSweep.table(), target: 0)
    // A (n+1 = 2): 10/2 = 5, 20/2 = 10.  B (n+1 = 3): 30/3 = 10, 30/3 = 10, 60/3 = 20.
    #expect(
      profile.kappas == [
        [5, 10, .infinity], [10, 10, 20], [.infinity, .infinity, .infinity],
      ])
    #expect(
      profile.steps[0] == [
        ProfileStep(x: 5, fraction: 1.0 / 3), ProfileStep(x: 10, fraction: 2.0 / 3),
      ])
    // s2's two instances tie at κ = 10: one breakpoint.
    #expect(profile.steps[1] == [ProfileStep(x: 10, fraction: 2.0 / 3)])
    #expect(profile.steps[2] == [ProfileStep(x: 20, fraction: 1.0 / 3)])
    #expect(profile.fraction(solver: 0, kappa: 4.99) == 0)
  }
}

@Suite struct RepeatedRunTests {
  func costs(_ runs: [Int?]) throws -> Double {
    let outcomes = runs.map {
      SweepOutcome(
        instance: "A", dimension: 1, solver: "s", converged: $0 != nil, evaluations: 100,
        seconds: 1, evaluationsToTarget: [$0], secondsToTarget: [$0.map(Double.init)])
    }
    return try SweepCostTable(outcomes: outcomes, targets: [0.1]).costs(
      target: 0, cost: .evaluations)[0][0]
  }

  @Test func theMedianCountsAFailureAsInfinite() throws {
    #expect(try costs([30, nil, 10]) == 30)  // sorted 10, 30, ∞
    #expect(try costs([12, 4, nil, 8]) == 10)  // sorted 4, 8, 12, ∞: (8 + 12) / 2
    #expect(try costs([10, nil]) == .infinity)  // an even split fails
    #expect(try costs([nil, nil, 5]) == .infinity)  // the majority failed
  }
}

@Suite struct SolvedAndRankingTests {
  @Test func solvedCountsPerSolverAndTarget() throws {
    let counts = try SolvedCounts(table: HandSweep.table())
    #expect(counts.counts == [[2, 0], [2, 0], [1, 0]])
    #expect(counts.byAny == [2, 0])
    #expect(counts.text().split(separator: "\n").last == "any solver      2/3      0/3")
  }

  @Test func rankingByAreaAtTheTightestReachedTarget() throws {
    let ranking = try SolverRanking(table: HandSweep.table())
    // 1e-6 was reached by nobody, so the ranking uses 1e-3, whose largest ratio is 2 (axis
    // length log₂ 2 = 1). s1: 2/3 over [0, 1] → 2/3. s2: 1/3 over [0, 1] → 1/3. s3: 0.
    #expect(ranking.target == 0)
    #expect(ranking.entries.map(\.solver) == ["s1", "s2", "s3"])
    #expect(ranking.entries.map(\.score) == [2.0 / 3, 1.0 / 3, 0])
    #expect(ranking.entries.map(\.rank) == [1, 2, 3])
  }

  @Test func equalSolversShareARank() throws {
    // b and c are identical: both ratio 2 on the one instance.
    let outcomes = ["a": 1, "b": 2, "c": 2].sorted { $0.key < $1.key }.map {
      SweepOutcome(
        instance: "A", dimension: 1, solver: $0.key, converged: true, evaluations: $0.value,
        seconds: 1, evaluationsToTarget: [$0.value], secondsToTarget: [1])
    }
    let ranking = try SolverRanking(table: SweepCostTable(outcomes: outcomes, targets: [0.1]))
    // Largest ratio 2: a scores 1; b and c are 0 on [1, 2) and reach 1 only at τ = 2 → 0.
    #expect(ranking.entries.map(\.rank) == [1, 2, 2])
    #expect(ranking.entries.map(\.score) == [1, 0, 0])
  }
}

@Suite struct SweepInputErrorTests {
  let good = HandSweep.run("A", 1, "s1", 10)

  @Test func badInputThrows() {
    var short = good
    short.evaluationsToTarget = [10]
    #expect(throws: ProfileError.self) {
      try SweepCostTable(outcomes: [short], targets: HandSweep.targets)
    }
    var inconsistent = good
    inconsistent.secondsToTarget = [nil, nil]
    #expect(throws: ProfileError.self) {
      try SweepCostTable(outcomes: [inconsistent], targets: HandSweep.targets)
    }
    var negative = good
    negative.secondsToTarget = [-1, nil]
    #expect(throws: ProfileError.self) {
      try SweepCostTable(outcomes: [negative], targets: HandSweep.targets)
    }
    #expect(throws: ProfileError.self) { try SweepCostTable(outcomes: [], targets: [0.1]) }
    #expect(throws: ProfileError.self) {
      try SweepCostTable(outcomes: [good], targets: [0.1, .nan])
    }
    #expect(throws: ProfileError.self) {
      try PerformanceProfile(table: HandSweep.table(), target: 5, cost: .seconds)
    }
  }
}

@Suite struct ProfileCSVTests {
  @Test func performanceCSVHasTheHeaderAndReadsBackExactly() throws {
    let profile = try PerformanceProfile(table: HandSweep.table(), target: 0, cost: .evaluations)
    let table = try CSVTable(ProfileCSV.performance([profile]))
    #expect(table.header == ["target", "cost", "solver", "tau", "fraction"])
    // s1: 1 step, s2: 2, s3: 2.
    #expect(table.rows.count == 5)
    #expect(table.rows[1] == ["0.001", "evaluations", "s2", "1.0", "0.3333333333333333"])
    let fractions = table.column("fraction")!.map { CSVNumber.parse($0)! }
    let expected: [Double] = [2.0 / 3, 1.0 / 3, 2.0 / 3, 0, 1.0 / 3]
    #expect(fractions == expected)
  }

  @Test func dataCSVQuotesAwkwardSolverNames() throws {
    let outcomes = [
      SweepOutcome(
        instance: "A", dimension: 2, solver: "sgd lr=0.1, \"m\"", converged: true,
        evaluations: 1, seconds: 1, evaluationsToTarget: [1], secondsToTarget: [1])
    ]
    let profile = try DataProfile(
      table: SweepCostTable(outcomes: outcomes, targets: [0.1]), target: 0)
    let text = ProfileCSV.data([profile])
    #expect(
      text
        == "target,solver,kappa,fraction\r\n0.1,\"sgd lr=0.1, \"\"m\"\"\",0.3333333333333333,1.0\r\n"
    )
    let table = try CSVTable(text)
    #expect(table.rows[0][1] == "sgd lr=0.1, \"m\"")
    #expect(CSVNumber.parse(table.rows[0][2]) == 1.0 / 3)
  }
}
