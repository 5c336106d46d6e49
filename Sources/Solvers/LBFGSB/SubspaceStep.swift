import Autodiff
import OptimizationCore

/// L-BFGS-B's subspace minimization, the direct primal method (Byrd, Lu, Nocedal & Zhu 1995,
/// §5.1): with the variables at a bound in the Cauchy point x^c held there, minimize the
/// quadratic model over the free ones (those strictly inside their bounds), then step from x^c
/// towards that minimizer as far as the box allows (at most all the way).
///
/// With Z the columns of the free variables, the reduced gradient at x^c is
/// r = Zᵀ(g + θ(x^c − x) − W·M·c) and the reduced matrix ZᵀBZ = θI − ZᵀW·M·WᵀZ, whose inverse
/// by Sherman–Morrison–Woodbury is (1/θ)I + (1/θ²)·ZᵀW·(I − (1/θ)·M·WᵀZZᵀW)⁻¹·M·WᵀZ: one
/// 2k × 2k solve, so the step costs O(k²·|free| + k³).
enum SubspaceStep {
  /// The point x̄ = x^c + α*·Z·d̂ in the box, or x^c when no variable is free or the small
  /// system cannot be solved.
  static func point<T: SolverScalar>(
    x: [T], gradient g: [T], cauchy: CauchyPoint<T>, bounds: Bounds<T>, memory: CompactLBFGS<T>
  ) -> [T] {
    let xc = cauchy.x
    let free = xc.indices.filter { bounds.lower[$0] < xc[$0] && xc[$0] < bounds.upper[$0] }
    guard !free.isEmpty else { return xc }
    let theta = memory.theta
    let k2 = memory.width
    // r = Zᵀ(g + θ(x^c − x) − W·M·c), kept in full length with zeros off the free set.
    let mc = memory.middleTimes(cauchy.c)
    var r = [T](repeating: 0, count: x.count)
    for i in free { r[i] = g[i] + theta * (xc[i] - x[i]) - memory.rowTimes(i, mc) }
    var direction = [T](repeating: 0, count: x.count)
    for i in free { direction[i] = -r[i] / theta }
    if k2 > 0 {
      // v = M·WᵀZ·r;  N = I − (1/θ)·M·(WᵀZ·ZᵀW);  u = N⁻¹v;  d̂ = −r/θ − ZᵀW·u/θ².
      let v = memory.middleTimes(memory.transposeTimes(r, indices: free))
      var gram = [T](repeating: 0, count: k2 * k2)
      for i in free {
        let w = memory.row(i)
        for a in 0..<k2 where w[a] != 0 {
          for b in 0..<k2 { gram[a * k2 + b] += w[a] * w[b] }
        }
      }
      var n = [T](repeating: 0, count: k2 * k2)
      for a in 0..<k2 {
        for b in 0..<k2 {
          var s: T = 0
          for j in 0..<k2 { s += memory.middle[a * k2 + j] * gram[j * k2 + b] }
          n[a * k2 + b] = (a == b ? 1 : 0) - s / theta
        }
      }
      guard let inverse = DenseLinearAlgebra.inverse(n, n: k2) else { return xc }
      let u = DenseLinearAlgebra.times(inverse, rows: k2, v)
      for i in free { direction[i] -= memory.rowTimes(i, u) / (theta * theta) }
    }
    // The longest step α* ≤ 1 along the free direction that stays in the box.
    var alpha: T = 1
    for i in free {
      if direction[i] > 0, bounds.upper[i] < .infinity {
        alpha = Swift.min(alpha, (bounds.upper[i] - xc[i]) / direction[i])
      } else if direction[i] < 0, bounds.lower[i] > -.infinity {
        alpha = Swift.min(alpha, (bounds.lower[i] - xc[i]) / direction[i])
      }
    }
    guard alpha.isFinite, direction.allSatisfy(\.isFinite) else { return xc }
    var xbar = xc
    for i in free { xbar[i] = xc[i] + alpha * direction[i] }
    return bounds.project(xbar)
  }
}
