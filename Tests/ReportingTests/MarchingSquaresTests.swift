import Foundation
import Testing

@testable import Reporting

@Suite struct MarchingSquaresTests {
  // f = x² + y² has the circle of radius √level as its contour. Along a grid edge of length h
  // the linear interpolation of x² misplaces the crossing by at most about h²/(8r), so on a
  // 121-point grid over [−2, 2] (h = 1/30) every point lies within 1e-3 of the circle.
  @Test(arguments: [0.25, 1.0, 2.0])
  func circleContoursLieAtRadiusRootLevel(level: Double) {
    let grid = MarchingSquares.Grid({ $0 * $0 + $1 * $1 }, x: -2...2, y: -2...2, count: 121)
    let segments = MarchingSquares.segments(grid, level: level)
    #expect(!segments.isEmpty)
    let radius = level.squareRoot()
    let points = segments.flatMap { [$0.0, $0.1] }
    let worst = points.map { abs(hypot($0.x, $0.y) - radius) }.max() ?? .infinity
    #expect(worst < 1e-3)

    // The segments close into one loop whose length is the circumference, 2πr, to grid accuracy.
    let loops = MarchingSquares.polylines(segments)
    #expect(loops.count == 1)
    let loop = loops[0]
    #expect(loop.first == loop.last)
    let length = zip(loop, loop.dropFirst()).map { hypot($1.x - $0.x, $1.y - $0.y) }.reduce(0, +)
    #expect(abs(length - 2 * Double.pi * radius) < 1e-2 * radius)
  }

  @Test func levelsOutsideTheRangeGiveNothing() {
    let grid = MarchingSquares.Grid({ $0 * $0 + $1 * $1 }, x: -1...1, y: -1...1, count: 11)
    #expect(MarchingSquares.segments(grid, level: -1).isEmpty)
    #expect(MarchingSquares.segments(grid, level: 100).isEmpty)
  }

  @Test func cellsWithNonFiniteCornersAreSkipped() {
    // f = x on [0, 1] × [0, 1], NaN in the top row: only the bottom row of cells has corners
    // that are all finite, and the level x = 0.5 crosses it once.
    let grid = MarchingSquares.Grid(
      xs: [0, 0.5, 1], ys: [0, 1, 2], values: [[0, 0.5, 1], [0, 0.5, 1], [.nan, .nan, .nan]])
    let segments = MarchingSquares.segments(grid, level: 0.25)
    #expect(segments.count == 1)
    let xs = segments.flatMap { [$0.0.x, $0.1.x] }
    #expect(xs == [0.25, 0.25])
  }

  @Test func saddleCellsGiveTwoSegments() {
    // f = x·y on [−1, 1]²: corners +1, −1, +1, −1, centre 0. At level 0.5 only the two
    // positive corners are above, the centre is below, so they are cut off apart.
    let grid = MarchingSquares.Grid(xs: [-1, 1], ys: [-1, 1], values: [[1, -1], [-1, 1]])
    let segments = MarchingSquares.segments(grid, level: 0.5)
    #expect(segments.count == 2)
    // Along an edge from +1 to −1, the level 0.5 is a quarter of the way: at ±0.5.
    let points = Set(segments.flatMap { [$0.0, $0.1] })
    let expected: Set<MarchingSquares.Point> = [
      .init(x: -0.5, y: -1), .init(x: -1, y: -0.5), .init(x: 0.5, y: 1), .init(x: 1, y: 0.5),
    ]
    #expect(points == expected)
  }
}
