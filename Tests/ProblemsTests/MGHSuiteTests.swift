import Autodiff
import Foundation
import Testing
import _TestSupport

@testable import Problems

/// What Moré, Garbow & Hillstrom (1981), "Testing unconstrained optimization software",
/// ACM TOMS 7(1):17–41, publish for one problem at the size used in problems/mgh/: its number,
/// n, m, and f*, with one unit in the last published digit as the tolerance, since MGH truncate
/// rather than round (Bard's 8.2148773·10⁻³ is printed 8.21487·10⁻³); 0 for exact values.
struct PublishedMGH: CustomTestStringConvertible, Sendable {
  let name: String
  let number: Int
  let n: Int
  let m: Int
  let f: Double
  let tolerance: Double
  var testDescription: String { name }

  init(_ name: String, _ number: Int, n: Int, m: Int, f: Double = 0, tolerance: Double = 0) {
    (self.name, self.number, self.n, self.m, self.f, self.tolerance) =
      (name, number, n, m, f, tolerance)
  }

  static let all: [PublishedMGH] = [
    .init("rosenbrock", 1, n: 2, m: 2),
    .init("freudenstein-roth", 2, n: 2, m: 2),
    .init("powell-badly-scaled", 3, n: 2, m: 2),
    .init("brown-badly-scaled", 4, n: 2, m: 3),
    .init("beale", 5, n: 2, m: 3),
    .init("jennrich-sampson", 6, n: 2, m: 10, f: 124.362, tolerance: 1e-3),
    .init("helical-valley", 7, n: 3, m: 3),
    .init("bard", 8, n: 3, m: 15, f: 8.21487e-3, tolerance: 1e-8),
    .init("gaussian", 9, n: 3, m: 15, f: 1.12793e-8, tolerance: 1e-13),
    .init("meyer", 10, n: 3, m: 16, f: 87.9458, tolerance: 1e-4),
    .init("gulf", 11, n: 3, m: 99),
    .init("box-3d", 12, n: 3, m: 10),
    .init("powell-singular", 13, n: 4, m: 4),
    .init("wood", 14, n: 4, m: 6),
    .init("kowalik-osborne", 15, n: 4, m: 11, f: 3.07505e-4, tolerance: 1e-9),
    .init("brown-dennis", 16, n: 4, m: 20, f: 85822.2, tolerance: 0.1),
    .init("osborne-1", 17, n: 5, m: 33, f: 5.46489e-5, tolerance: 1e-10),
    .init("biggs-exp6", 18, n: 6, m: 13),
    .init("osborne-2", 19, n: 11, m: 65, f: 4.01377e-2, tolerance: 1e-7),
    .init("watson", 20, n: 6, m: 31, f: 2.28767e-3, tolerance: 1e-8),
    .init("extended-rosenbrock", 21, n: 10, m: 10),
    .init("extended-powell", 22, n: 12, m: 12),
    .init("penalty-1", 23, n: 10, m: 11, f: 7.08765e-5, tolerance: 1e-10),
    .init("penalty-2", 24, n: 10, m: 20, f: 2.93660e-4, tolerance: 1e-9),
    .init("variably-dimensioned", 25, n: 10, m: 12),
    .init("trigonometric", 26, n: 10, m: 10),
    .init("brown-almost-linear", 27, n: 10, m: 10),
    .init("discrete-boundary-value", 28, n: 10, m: 10),
    .init("discrete-integral-equation", 29, n: 10, m: 10),
    .init("broyden-tridiagonal", 30, n: 10, m: 10),
    .init("broyden-banded", 31, n: 10, m: 10),
    // f* = m − n.
    .init("linear-full-rank", 32, n: 10, m: 20, f: 10),
    // f* = m(m − 1)/(2(2m + 1)) and (m² + 3m − 6)/(2(2m − 3)), here for m = 20.
    .init("linear-rank-1", 33, n: 10, m: 20, f: 380.0 / 82.0, tolerance: 1e-15),
    .init("linear-rank-1-zero", 34, n: 10, m: 20, f: 454.0 / 74.0, tolerance: 1e-15),
    .init("chebyquad", 35, n: 10, m: 10, f: 6.50395e-3, tolerance: 1e-8),
  ]
}

@Suite struct MGHSuiteTests {
  @Test func theSuiteListsAllThirtyFiveProblemsSorted() throws {
    let names = try #require(ProblemCatalog.suite("mgh"))
    #expect(names.count == 35)
    #expect(names == names.sorted())
    #expect(Set(names) == Set(PublishedMGH.all.map { "mgh/\($0.name)" }))
    #expect(ProblemCatalog.suiteNames == ["classic", "mgh"])
    #expect(ProblemCatalog.suite("nonesuch") == nil)
  }

  @Test func theClassicSuiteHoldsTheTopLevelTwoVariableProblems() throws {
    let names = try #require(ProblemCatalog.suite("classic"))
    #expect(names == names.sorted())
    for member in ["goldstein", "rosenbrock", "himmelblau", "beale"] {
      #expect(names.contains(member), "classic lacks \(member)")
    }
    // rosenbrock-n has a vector unknown, sqrt2 one scalar, helical-valley three, trid six.
    for outsider in ["rosenbrock-n", "sqrt2", "helical-valley", "trid", "mgh/rosenbrock"] {
      #expect(!names.contains(outsider), "classic holds \(outsider)")
    }
  }

  @Test func builtinNamesKeepTheTopLevelProblemsAndAddTheSubfolder() {
    let names = ProblemCatalog.builtinNames
    #expect(names.contains("goldstein") && names.contains("mgh/chebyquad"))
    #expect(names.filter { $0.hasPrefix("mgh/") }.count == 35)
  }

  @Test(arguments: PublishedMGH.all)
  func sizesTitleAndMinimumAgreeWithThePaper(_ published: PublishedMGH) throws {
    let p = try ProblemCatalog.load("mgh/\(published.name)")
    #expect(p.title.hasPrefix("MGH #\(published.number): "))
    #expect(p.summary?.contains("Problem \(published.number) of Moré, Garbow & Hillstrom") == true)
    #expect(p.dimension == published.n)
    #expect(p.residualCount == published.m)
    #expect(p.start.count == published.n && p.value(at: p.start).isFinite)
    let minimum = try #require(p.minimum)
    #expect(
      Swift.abs(minimum.f - published.f) <= published.tolerance,
      "\(published.name): file f* = \(minimum.f), published \(published.f)")
  }

  /// At a listed minimizer: f equals the listed f* (1e-10 absolute or 1e-8 relative, the rounding
  /// of a float64 minimizer), the toolkit's gradient agrees with central differences and is small
  /// (1e-8 · max(1, f*), as for every shipped problem).
  @Test(arguments: PublishedMGH.all.map(\.name))
  func theListedMinimizerIsAStationaryPointWithTheListedValue(_ name: String) throws {
    let p = try ProblemCatalog.load("mgh/\(name)")
    let minimum = try #require(p.minimum)
    let points =
      ([minimum.x].compactMap { $0 }).map { ($0, minimum.f) }
      + p.localMinima.map { ($0.x!, $0.f) }
    let objective = p.makeObjective(Double.self)
    for (x, fListed) in points {
      let f = p.value(at: x)
      #expect(Swift.abs(f - fListed) <= Swift.max(1e-10, 1e-8 * Swift.abs(fListed)))
      var g = [Double]()
      _ = try objective.gradient(x, into: &g)
      let reference = Self.centralDifferences({ p.value(at: $0) }, at: x)
      let scale = Swift.max(1, Swift.abs(fListed))
      #expect(maxDifference(g, reference) <= 1e-6 * scale, "\(name): ∇f \(g) vs \(reference)")
      #expect(maxMagnitude(g) <= 1e-8 * scale, "\(name): ∇f(x*) = \(g)")
    }
  }

  /// A smaller step than `FiniteDifferences.step`: at a minimizer f is flat, so rounding is
  /// harmless, while Osborne 1's rates (0.013 at times up to 320) make the usual step's
  /// truncation error 5·10⁻⁴.
  static func centralDifferences(_ f: ([Double]) -> Double, at x: [Double]) -> [Double] {
    (0..<x.count).map { i in
      let h = 1e-7 * Swift.max(1, Swift.abs(x[i]))
      var (plus, minus) = (x, x)
      plus[i] += h
      minus[i] -= h
      return (f(plus) - f(minus)) / (2 * h)
    }
  }

  /// f at the standard start against the table of TOMS Algorithm 566 (the paper's companion
  /// code) as printed in the README of github.com/mpf/Toms566.jl, three significant digits, for
  /// the problems whose size there matches the files here.
  @Test(arguments: [
    ("helical-valley", 2.50e3), ("biggs-exp6", 7.79e-1), ("gaussian", 3.89e-6),
    ("powell-badly-scaled", 1.14), ("box-3d", 1.03e3), ("brown-badly-scaled", 1.00e12),
    ("brown-dennis", 7.93e6), ("gulf", 1.21e1), ("beale", 1.42e1), ("wood", 1.92e4),
  ])
  func theValueAtTheStandardStartMatchesAlgorithm566(_ name: String, _ published: Double) throws {
    let p = try ProblemCatalog.load("mgh/\(name)")
    let halfUnit = 0.005 * Foundation.pow(10, Foundation.floor(Foundation.log10(published)))
    #expect(Swift.abs(p.value(at: p.start) - published) <= halfUnit, "\(name)")
  }

  @Test func aChangedSizeDropsTheKnownPointsAndKeepsTheShape() throws {
    let p = try ProblemCatalog.load("mgh/extended-powell", parameters: ["n": 8])
    #expect(p.dimension == 8 && p.residualCount == 8 && p.minimum == nil)
    // Powell's singular function at its start is 215 per block of four.
    #expect(p.value(at: p.start) == 430)
  }
}

@Suite struct EmbeddedPathTests {
  @Test func dataPathsResolveBesideTheProblemFile() {
    #expect(EmbeddedPath.resolve("decay.csv", besideProblem: "decay") == "decay.csv")
    #expect(EmbeddedPath.resolve("bard.csv", besideProblem: "mgh/bard") == "mgh/bard.csv")
    #expect(EmbeddedPath.resolve("./d/x.csv", besideProblem: "mgh/bard") == "mgh/d/x.csv")
    #expect(EmbeddedPath.resolve("../decay.csv", besideProblem: "mgh/bard") == "decay.csv")
    #expect(EmbeddedPath.resolve("../../x.csv", besideProblem: "mgh/bard") == nil)
    #expect(EmbeddedPath.resolve("/etc/x.csv", besideProblem: "mgh/bard") == nil)
  }
}
