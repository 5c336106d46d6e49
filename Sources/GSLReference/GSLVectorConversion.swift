import Autodiff
import CGSL
import OptimizationCore
import Solvers

/// Copies between GSL vectors (always Double) and arrays in a run's precision.
enum GSLVectorConversion {
  static func read<T: SolverScalar>(_ v: UnsafePointer<gsl_vector>, into out: inout [T]) {
    let n = v.pointee.size
    if out.count != n { out = [T](repeating: 0, count: n) }
    for i in 0..<n { out[i] = T(gsl_vector_get(v, i)) }
  }

  static func array<T: SolverScalar>(_ v: UnsafePointer<gsl_vector>) -> [T] {
    var out = [T]()
    read(v, into: &out)
    return out
  }

  static func write<T: SolverScalar>(_ values: [T], into v: UnsafeMutablePointer<gsl_vector>) {
    for (i, e) in values.enumerated() { gsl_vector_set(v, i, Double(e)) }
  }

  /// A new GSL vector holding `values`; nil if GSL cannot allocate it (n = 0 included).
  static func make<T: SolverScalar>(_ values: [T]) -> UnsafeMutablePointer<gsl_vector>? {
    guard !values.isEmpty, let v = gsl_vector_alloc(values.count) else { return nil }
    write(values, into: v)
    return v
  }
}
