import Foundation
import OptimizationCore
import Problems
import Solvers
import Testing
import _TestSupport

/// scipy's L-BFGS-B as a peer: scripts/check_lbfgsb_peer.py solves the bounded problems with
/// its own copies of the functions, and our bounded methods must end where it ends: the same
/// f, the same point, the same active bounds. `make test` installs scipy
/// (scripts/setup-test.sh); without it this test fails rather than passes unseen.
@Suite struct LBFGSBPeerTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../scripts/check_lbfgsb_peer.py").standardized.path

  struct PeerCase {
    var x: [Double]
    var f: Double
    var nfev: Int
    var success: Bool
    var message: String
  }

  /// The script's document; `active` holds [index, side] pairs.
  static func peer() throws -> (cases: [String: PeerCase], active: [String: [ActiveBound]]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(
      decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "check_lbfgsb_peer.py: \(errorText)")
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let rawCases = try #require(object["cases"] as? [String: [String: Any]])
    var cases: [String: PeerCase] = [:]
    var active: [String: [ActiveBound]] = [:]
    for (name, raw) in rawCases {
      let x = try #require(raw["x"] as? [Double])
      let f = try #require(raw["f"] as? Double)
      cases[name] = PeerCase(
        x: x, f: f, nfev: raw["nfev"] as? Int ?? -1,
        success: raw["success"] as? Bool ?? false, message: raw["message"] as? String ?? "")
      let pairs = raw["active"] as? [[Any]] ?? []
      active[name] = pairs.compactMap { pair in
        guard let i = pair.first as? Int,
          let side = (pair.last as? String).flatMap(ActiveBound.Side.init)
        else { return nil }
        return ActiveBound(index: i, side: side)
      }
    }
    return (cases, active)
  }

  /// Our problem and box for each of the script's cases.
  static func ours(_ name: String) throws -> (Problem, Bounds<Double>) {
    switch name {
    case "rosenbrock-n-10-box":
      let problem = try ProblemCatalog.load("rosenbrock-n", parameters: ["n": 10])
      return (
        problem,
        try Bounds(
          lower: [Double](repeating: -0.5, count: 10), upper: [Double](repeating: 0.8, count: 10))
      )
    default:
      let problem = try ProblemCatalog.load(name)
      let bounds = try #require(problem.bounds)
      return (problem, try Bounds(lower: bounds.lower, upper: bounds.upper))
    }
  }

  @Test func oursEndWhereScipysLBFGSBEnds() throws {
    let (cases, active) = try Self.peer()
    #expect(cases.count == 3)
    for (name, peer) in cases.sorted(by: { $0.key < $1.key }) {
      #expect(peer.success, "scipy on \(name): \(peer.message)")
      let (problem, box) = try Self.ours(name)
      for solver in [LBFGSB() as any Solver, ProjectedGradient()] {
        let options = SolverOptions<Double>(
          maxIterations: 100_000, gradientTolerance: 1e-10, bounds: box)
        let result = solver.minimize(
          problem.makeObjective(Double.self), from: problem.start, options: options)
        #expect(result.converged, "\(solver.name) on \(name): \(result.message)")
        #expect(
          abs(result.f - peer.f) <= 1e-10 * max(1, abs(peer.f)),
          "\(solver.name) on \(name): f = \(result.f), scipy \(peer.f)")
        #expect(
          maxDifference(result.x, peer.x) <= 1e-5,
          "\(solver.name) on \(name): x = \(result.x), scipy \(peer.x)")
        #expect(
          box.active(at: result.x) == active[name],
          "\(solver.name) on \(name): active \(box.active(at: result.x)), scipy \(active[name] ?? [])"
        )
      }
    }
  }
}
