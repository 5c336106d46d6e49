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

  public var title: String
  /// Key/value lines describing the sweep (problems, solvers, starts, budget, machine…).
  public var description: [(key: String, value: String)]
  public var outcomes: [SweepOutcome]
  public var targets: [Double]
  public var links: [Link]
  /// With more instances than this, each instance's convergence plot is folded in a <details>.
  public var foldInstancesAbove = 6

  public init(
    title: String, description: [(key: String, value: String)], outcomes: [SweepOutcome],
    targets: [Double], links: [Link] = []
  ) {
    self.title = title
    self.description = description
    self.outcomes = outcomes
    self.targets = targets
    self.links = links
  }

  /// The page. Throws `ProfileError` for runs that cannot be profiled and for links that are
  /// not relative paths.
  public func html() throws -> String {
    for link in links where !Self.isRelative(link.path) {
      throw ProfileError.linkNotRelative(link.path)
    }
    let table = try SweepCostTable(outcomes: outcomes, targets: targets)
    let counts = try SolvedCounts(table: table)
    let ranking = try SolverRanking(table: table)
    var page = HTMLPage(title: title)
    page.description(description)
    page.section("Solved instances")
    page.solvedTable(counts)
    page.section("Ranking")
    page.ranking(ranking, targets: targets, solvers: table.solvers)
    for cost in ProfileCost.allCases {
      page.section("Performance profiles (\(cost.rawValue))")
      let profiles = try targets.indices.map {
        try PerformanceProfile(table: table, target: $0, cost: cost)
      }
      page.figure(
        ProfileFigure(performance: profiles, title: "Performance, \(cost.rawValue)").svg())
    }
    page.section("Data profiles")
    let data = try targets.indices.map { try DataProfile(table: table, target: $0) }
    page.figure(ProfileFigure(data: data, title: "Data profiles").svg())
    page.section("Convergence per instance")
    page.convergence(
      plots: convergencePlots(table), folded: table.instances.count > foldInstancesAbove)
    if !links.isEmpty {
      page.section("Data files")
      page.links(links)
    }
    return page.finished
  }

  /// One plot per instance, every solver in the sweep's order (so each keeps its colour), from
  /// the first of its runs there that kept a history.
  func convergencePlots(_ table: SweepCostTable) -> [(instance: String, svg: String)] {
    table.instances.enumerated().map { p, instance in
      let series = table.solvers.map { solver in
        let run = outcomes.first {
          $0.instance == instance && $0.solver == solver && !$0.history.isEmpty
        }
        let points = (run?.history ?? []).enumerated().map { i, point in
          ConvergencePlot.Point(iteration: i, evaluations: point.evaluations, f: point.fError)
        }
        // ConvergencePlot's legend column holds 23 characters before it overflows the figure.
        return ConvergencePlot.Series(label: TableFormatter.fit(solver, width: 23), points: points)
      }
      var plot = ConvergencePlot(
        title: "\(instance) (n = \(table.dimensions[p]))", series: series, fStar: 0)
      plot.panelWidth = 420
      plot.height = 340
      return (instance, plot.svg(against: .evaluations))
    }
  }

  /// No scheme ("http:", "javascript:"), not absolute, not protocol-relative.
  static func isRelative(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix("\\") else { return false }
    let beforeSlash = path.prefix { $0 != "/" }
    return !beforeSlash.contains(":")
  }
}
