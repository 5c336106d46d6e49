/// The Hessian of a scalar function of a vector written row-major into `h` (resized to n×n if
/// needed): the layout `Objective` and `CompiledFunction` use, so that
/// `hessian: { hessian(of: f, at: $0, into: &$1) }` fills an `Objective`'s Hessian.
public func hessian<T>(of f: (Variable<T>) -> Variable<T>, at x: [T], into h: inout [T]) {
  let n = x.count
  if h.count != n * n { h = [T](repeating: 0, count: n * n) }
  for (i, row) in hessian(of: f, at: x).enumerated() {
    for (j, entry) in row.enumerated() { h[i * n + j] = entry }
  }
}
