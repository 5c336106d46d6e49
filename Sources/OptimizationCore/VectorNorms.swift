/// Vector norms that neither overflow nor underflow where the true norm is representable:
/// the 2-norm is accumulated on values divided by the largest magnitude (the scaling of LAPACK's
/// `dnrm2`), so a gradient of 1e160-sized entries or of 1e-170-sized ones keeps its true norm.
///
/// Inlinable: solvers in other modules call these once or twice per iteration on n-element
/// vectors, and unspecialised generic code across the module boundary cost 30 times the
/// arithmetic (metadata lookups per element).
public enum VectorNorms {
  /// ‖v‖₂; NaN if any entry is NaN, infinity if any is infinite.
  @inlinable
  public static func euclidean<T: SolverScalar>(_ v: [T]) -> T {
    let scale = maximum(v)
    guard scale.isFinite, scale > 0 else { return scale }
    var s: T = 0
    for e in v {
      let r = e / scale
      s += r * r
    }
    return scale * s.squareRoot()
  }

  /// ‖v‖∞ = maxᵢ |vᵢ|; NaN if any entry is NaN.
  @inlinable
  public static func maximum<T: SolverScalar>(_ v: [T]) -> T {
    var m: T = 0
    for e in v {
      if e.isNaN { return .nan }
      m = Swift.max(m, Swift.abs(e))
    }
    return m
  }

  /// ‖a − b‖₂ without forming the difference array's overflow: the difference is scaled too.
  @inlinable
  public static func euclideanDistance<T: SolverScalar>(_ a: [T], _ b: [T]) -> T {
    precondition(
      a.count == b.count, "distance between vectors of lengths \(a.count) and \(b.count)")
    var scale: T = 0
    for i in a.indices {
      let d = a[i] - b[i]
      if d.isNaN { return .nan }
      scale = Swift.max(scale, Swift.abs(d))
    }
    guard scale.isFinite, scale > 0 else { return scale }
    var s: T = 0
    for i in a.indices {
      let r = (a[i] - b[i]) / scale
      s += r * r
    }
    return scale * s.squareRoot()
  }
}
