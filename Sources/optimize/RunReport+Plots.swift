import Problems
import Reporting

extension RunReport {
  /// File names of the plots this report draws.
  var plotNames: [String] {
    var names = ["convergence.svg", "convergence-evaluations.svg"]
    if contourBounds != nil { names.insert("contours.svg", at: 0) }
    return names
  }

  /// The contour plot's bounds: the problem's `[plot]`, or for two-variable problems without
  /// one, a box around the start, the known minima and where the runs went.
  private var contourBounds: (x: ClosedRange<Double>, y: ClosedRange<Double>, log: Bool)? {
    guard problem.dimension == 2 else { return nil }
    if let plot = problem.plot { return (plot.x, plot.y, plot.log) }
    var points = runs.flatMap { run in run.path.map(\.x) + [run.start] }
    points += minima.points.compactMap(\.x)
    let finite = points.filter { $0.count == 2 && $0.allSatisfy(\.isFinite) }
    guard let first = finite.first else { return nil }
    var (xl, xh, yl, yh) = (first[0], first[0], first[1], first[1])
    for p in finite {
      xl = min(xl, p[0])
      xh = max(xh, p[0])
      yl = min(yl, p[1])
      yh = max(yh, p[1])
    }
    let padX = max((xh - xl) * 0.1, 0.5)
    let padY = max((yh - yl) * 0.1, 0.5)
    return ((xl - padX)...(xh + padX), (yl - padY)...(yh + padY), false)
  }

  /// The SVG plots by file name. Multi-start runs plot the first start only, so the pictures
  /// stay readable.
  func plots() -> [(String, String)] {
    let shown = runs.filter { $0.startIndex == 0 }
    var files: [(String, String)] = []
    if let bounds = contourBounds {
      let names = problem.coordinateNames
      // The recorded fast path: the grid needs ~15 000 values.
      let compiled = problem.compiled(Double.self)
      var plot = ContourPlot(
        title: "\(problem.title): trajectories", function: { x, y in compiled.value([x, y]) },
        xRange: bounds.x, yRange: bounds.y, logScale: bounds.log,
        trajectories: shown.map { run in
          ContourPlot.Trajectory(
            label: run.solver,
            points: run.path.filter { $0.x.count == 2 }.map { (x: $0.x[0], y: $0.x[1]) },
            group: families[run.solver] ?? "")
        },
        minima: minima.points.compactMap { point in
          guard let x = point.x, x.count == 2 else { return nil }
          return ContourPlot.Marker(label: point.label, x: x[0], y: x[1])
        })
      plot.xLabel = names.first ?? "x"
      plot.yLabel = names.count > 1 ? names[1] : "y"
      files.append(("contours.svg", plot.svg()))
    }
    let series = shown.map { run in
      ConvergencePlot.Series(
        label: run.solver,
        points: run.path.map {
          ConvergencePlot.Point(iteration: $0.iteration, evaluations: $0.evaluations, f: $0.f)
        }, group: families[run.solver] ?? "")
    }
    var convergence = ConvergencePlot(
      title: "\(problem.title): convergence", series: series, fStar: problem.minimum?.f)
    // When run lengths differ a hundredfold, a linear axis squeezes the short runs into a corner.
    let lengths = shown.map { max($0.iterations, 1) }
    if let longest = lengths.max(), let shortest = lengths.min(), longest >= 100 * shortest {
      convergence.logIterations = true
    }
    files.append(("convergence.svg", convergence.svg(against: .iterations)))
    files.append(("convergence-evaluations.svg", convergence.svg(against: .evaluations)))
    return files
  }
}
