import Autodiff
import OptimizationCore

/// Small dense vector helpers shared by the methods; plain loops, generic over precision.
enum VectorMath {
  static func dot<T: SolverScalar>(_ a: [T], _ b: [T]) -> T {
    var s: T = 0
    for i in a.indices { s += a[i] * b[i] }
    return s
  }

  /// a + t·b
  static func adding<T: SolverScalar>(_ a: [T], _ t: T, _ b: [T]) -> [T] {
    var r = a
    for i in r.indices { r[i] += t * b[i] }
    return r
  }

  static func norm2<T: SolverScalar>(_ v: [T]) -> T { VectorNorms.euclidean(v) }
  static func normInf<T: SolverScalar>(_ v: [T]) -> T { VectorNorms.maximum(v) }

  static func negated<T: SolverScalar>(_ v: [T]) -> [T] { v.map { -$0 } }

  static func difference<T: SolverScalar>(_ a: [T], _ b: [T]) -> [T] {
    var r = a
    for i in r.indices { r[i] -= b[i] }
    return r
  }
}
