/// A sweep's summary as one self-contained HTML page: no scripts, no fonts or images from
/// anywhere; plots are inline SVG and the style sheet is inline. All text from the sweep
/// (solver and instance names, descriptions, link labels) is escaped.
public struct SweepHTMLReport: Sendable {
  /// A link to one of the sweep's data files.
  public struct Link: Sendable, Equatable {
    public var label: String
    /// A path relative to the report (no scheme, not absolute).
    public var path: String
    public init(label: String, path: String) {
      self.label = label
      self.path = path
    }
  }

  /// The histories one instance's convergence plot draws: per solver of the cost table, in its
  /// order, the history of the first of its runs there that kept one (empty if none did).
  public struct InstanceHistories: Sendable {
    public var instance: String
    public var dimension: Int
    public var histories: [[SweepOutcome.HistoryPoint]]
    public init(instance: String, dimension: Int, histories: [[SweepOutcome.HistoryPoint]]) {
      self.instance = instance
      self.dimension = dimension
      self.histories = histories
    }
  }

  public var title: String
  /// Key/value lines describing the sweep (problems, solvers, starts, budget, machine…).
  public var description: [(key: String, value: String)]
  /// The runs `html()` summarises; `write` takes its table and histories from its caller.
  public var outcomes: [SweepOutcome]
  public var targets: [Double]
  public var links: [Link]
  /// With more instances than this, each instance's convergence plot is folded in a <details>.
  public var foldInstancesAbove = 6

  public init(
    title: String, description: [(key: String, value: String)], outcomes: [SweepOutcome] = [],
    targets: [Double], links: [Link] = []
  ) {
    self.title = title
    self.description = description
    self.outcomes = outcomes
    self.targets = targets
    self.links = links
  }

  /// The page of `outcomes`, made in memory. Throws `ProfileError` for runs that cannot be
  /// profiled and for links that are not relative paths.
  public func html() throws -> String {
    let table = try SweepCostTable(outcomes: outcomes, targets: targets)
    var page = ""
    try write(
      table: table,
      convergence: { plot in
        for instance in histories(table) { try plot(instance) }
      }, to: { page += $0 })
    return page
  }

  /// Writes the page to `sink` piece by piece: the profiles from `table`, then one convergence
  /// plot per instance that `convergence` hands to the closure it is given, each written as it
  /// comes, so that only one plot is held at a time.
  public func write(
    table: SweepCostTable,
    convergence: (_ plot: (InstanceHistories) throws -> Void) throws -> Void,
    to sink: @escaping (String) throws -> Void
  ) throws {
    for link in links where !Self.isRelative(link.path) {
      throw ProfileError.linkNotRelative(link.path)
    }
    let counts = try SolvedCounts(table: table)
    let ranking = try SolverRanking(table: table)
    var page = try HTMLPage(title: title, sink: sink)
    try page.description(description)
    try page.section("Solved instances")
    try page.solvedTable(counts)
    try page.section("Ranking")
    try page.ranking(ranking, targets: targets, solvers: table.solvers)
    for cost in ProfileCost.allCases {
      try page.section("Performance profiles (\(cost.rawValue))")
      let profiles = try targets.indices.map {
        try PerformanceProfile(table: table, target: $0, cost: cost)
      }
      try page.figure(
        ProfileFigure(performance: profiles, title: "Performance, \(cost.rawValue)").svg())
    }
    try page.section("Data profiles")
    let data = try targets.indices.map { try DataProfile(table: table, target: $0) }
    try page.figure(ProfileFigure(data: data, title: "Data profiles").svg())
    try page.section("Convergence per instance")
    try page.beginConvergence()
    let folded = table.instances.count > foldInstancesAbove
    try convergence { instance in
      try page.convergencePlot(
        instance: instance.instance, svg: Self.convergencePlot(instance, solvers: table.solvers),
        folded: folded)
    }
    try page.endConvergence()
    if !links.isEmpty {
      try page.section("Data files")
      try page.links(links)
    }
    try page.finish()
  }

  /// Each instance of `table` with, per solver, the first of its runs there in `outcomes`
  /// that kept a history.
  func histories(_ table: SweepCostTable) -> [InstanceHistories] {
    table.instances.enumerated().map { p, instance in
      InstanceHistories(
        instance: instance, dimension: table.dimensions[p],
        histories: table.solvers.map { solver in
          outcomes.first {
            $0.instance == instance && $0.solver == solver && !$0.history.isEmpty
          }?.history ?? []
        })
    }
  }

  /// One instance's plot, every solver in the sweep's order (so each keeps its colour).
  static func convergencePlot(_ instance: InstanceHistories, solvers: [String]) -> String {
    let series = zip(solvers, instance.histories).map { solver, history in
      let points = history.enumerated().map { i, point in
        ConvergencePlot.Point(iteration: i, evaluations: point.evaluations, f: point.fError)
      }
      // ConvergencePlot's legend column holds 23 characters before it overflows the figure.
      return ConvergencePlot.Series(label: TableFormatter.fit(solver, width: 23), points: points)
    }
    var plot = ConvergencePlot(
      title: "\(instance.instance) (n = \(instance.dimension))", series: series, fStar: 0)
    plot.panelWidth = 420
    plot.height = 340
    return plot.svg(against: .evaluations)
  }

  /// No scheme ("http:", "javascript:"), not absolute, not protocol-relative.
  static func isRelative(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("\\") else { return false }
    let beforeSlash = path.prefix { $0 != "/" }
    return !beforeSlash.contains(":")
  }
}
