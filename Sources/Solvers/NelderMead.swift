import Autodiff
import OptimizationCore

/// The Nelder–Mead simplex method; uses only f.
///
/// Coefficients: reflection 1, expansion 2, contraction ½, shrink ½; with `adaptive` (default
/// on) and n > 2 the Gao–Han values 1, 1 + 2/n, ¾ − 1/(2n), 1 − 1/n. Initial simplex: x₀ and
/// x₀ + hᵢeᵢ with hᵢ = 0.05·xᵢ (0.00025 when xᵢ = 0), as in SciPy.
/// One iteration is one reflection/expansion/contraction/shrink; the recorded point is the best
/// vertex. Stopping (instead of the recorder's f and x tests, which would fire whenever the best
/// vertex stays put): `.xTolerance` when maxᵢ‖vᵢ − v₀‖∞ ≤ xTolerance (default when 0:
/// √ε·(1 + ‖v₀‖∞), ε the precision's machine epsilon) and max|f(vᵢ) − f(v₀)| ≤ fTolerance·(|f(v₀)| + fTolerance)
/// (when fTolerance > 0); plus all the limits. extras: "simplex_size", "f_spread".
public struct NelderMead: Solver {
  public var adaptive: Bool

  public init(adaptive: Bool = true) { self.adaptive = adaptive }

  public var name: String { "nelder-mead" }
  public var family: String { "direct search" }
  public var derivatives: DerivativeUse { .none }
  /// The simplex: n + 1 points of n coordinates, and its values.
  public func workingScalars(dimension n: Int) -> Double {
    2 * Double(n + 1) * Double(n) + 32 * Double(n)
  }

  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func minimize<T: SolverScalar>(
    _ objective: Objective<T>, from start: [T], options: SolverOptions<T>
  ) -> SolverResult<T> {
    var recorderOptions = options
    recorderOptions.fTolerance = 0
    recorderOptions.xTolerance = 0
    let run = RunRecorder(
      solver: name, objective: objective, options: recorderOptions, start: start)
    let n = start.count
    let nT = T(n)
    let useAdaptive = adaptive && n > 2
    let reflection: T = 1
    let expansion: T = useAdaptive ? 1 + 2 / nT : 2
    let contraction: T = useAdaptive ? T(0.75) - 1 / (2 * nT) : T(0.5)
    let shrink: T = useAdaptive ? 1 - 1 / nT : T(0.5)
    return run.run { () throws(EvaluationLimitReached) -> Status in
      var vertices = [start]
      for i in 0..<n {
        var v = start
        v[i] = v[i] != 0 ? v[i] * T(1.05) : T(0.00025)
        vertices.append(v)
      }
      var values = [T]()
      values.append(try objective.value(start))
      if let status = run.record(x: start, f: values[0], gradientNorm: .nan) { return status }
      // The first simplex costs n evaluations: at large n that is long enough to owe the
      // time limit and Ctrl-C a check per vertex.
      for v in vertices.dropFirst() {
        if let status = run.shouldAbandonIteration() { return status }
        values.append(try objective.value(v))
      }
      while true {
        let order = values.indices.sorted { Self.less(values[$0], values[$1]) }
        vertices = order.map { vertices[$0] }
        values = order.map { values[$0] }
        var centroid = [T](repeating: 0, count: n)
        for v in vertices.dropLast() { for i in 0..<n { centroid[i] += v[i] / nT } }
        let worst = vertices[n]
        func along(_ t: T) -> [T] { (0..<n).map { centroid[$0] + t * (centroid[$0] - worst[$0]) } }
        let xr = along(reflection)
        let fr = try objective.value(xr)
        if Self.less(fr, values[0]) {
          let xe = along(reflection * expansion)
          let fe = try objective.value(xe)
          (vertices[n], values[n]) = Self.less(fe, fr) ? (xe, fe) : (xr, fr)
        } else if Self.less(fr, values[n - 1]) {
          (vertices[n], values[n]) = (xr, fr)
        } else {
          let outside = Self.less(fr, values[n])
          let xc = along(outside ? reflection * contraction : -contraction)
          let fc = try objective.value(xc)
          if Self.less(fc, outside ? fr : values[n]) || fc == (outside ? fr : values[n]) {
            (vertices[n], values[n]) = (xc, fc)
          } else {
            for k in 1...n {
              if let status = run.shouldAbandonIteration() { return status }
              vertices[k] = (0..<n).map {
                vertices[0][$0] + shrink * (vertices[k][$0] - vertices[0][$0])
              }
              values[k] = try objective.value(vertices[k])
            }
          }
        }
        let best = values.indices.min { Self.less(values[$0], values[$1]) } ?? 0
        var size: T = 0
        var spread: T = 0
        for k in vertices.indices {
          size = Swift.max(
            size, VectorMath.normInf(VectorMath.difference(vertices[k], vertices[best])))
          spread = Swift.max(spread, Swift.abs(values[k] - values[best]))
        }
        let extras = ["simplex_size": Double(size), "f_spread": Double(spread)]
        if let status = run.record(
          x: vertices[best], f: values[best], gradientNorm: .nan, extras: extras)
        {
          return status
        }
        let scale = 1 + VectorMath.normInf(vertices[best])
        let sizeTolerance =
          options.xTolerance > 0
          ? options.xTolerance * scale : T.ulpOfOne.squareRoot() * scale
        let spreadSmall =
          options.fTolerance <= 0
          || spread <= options.fTolerance * (Swift.abs(values[best]) + options.fTolerance)
        if size <= sizeTolerance, spreadSmall {
          run.stopMessage = "simplex size \(size) ≤ \(sizeTolerance) and f spread \(spread)"
          return .xTolerance
        }
      }
    }
  }

  /// Orders NaN after every number, so a NaN vertex is always the worst.
  static func less<T: SolverScalar>(_ a: T, _ b: T) -> Bool {
    if a.isNaN { return false }
    if b.isNaN { return true }
    return a < b
  }
}

extension NelderMead {
  static let catalogEntry = SolverCatalogEntry(name: "nelder-mead") { _ in NelderMead() }
}
