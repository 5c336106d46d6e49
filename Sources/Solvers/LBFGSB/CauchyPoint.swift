import Autodiff
import OptimizationCore

/// The generalized Cauchy point of L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995, §4): the first local
/// minimizer of the quadratic model m(z) = gᵀ(z − x) + ½(z − x)ᵀB(z − x) along the projected
/// steepest-descent path x(t) = P(x − t·g), t ≥ 0.
///
/// The path is piecewise linear, with a breakpoint where each variable reaches its bound
/// (tᵢ = (xᵢ − uᵢ)/gᵢ for gᵢ < 0, (xᵢ − lᵢ)/gᵢ for gᵢ > 0). The segments are examined in order
/// of t; on each, m is a quadratic in the step Δt with slope f′ and curvature f″, updated from
/// one segment to the next in O(k) with the compact form of B (the paper's eq. 4.9–4.10, derived
/// again here: when variable b reaches its bound, d gains g_b·e_b, p = Wᵀd gains g_b·w_b and
/// c = Wᵀ(z − x) moves by Δt·p). The search stops on the first segment whose quadratic has its
/// minimizer inside it.
struct CauchyPoint<T: SolverScalar> {
  /// The point x^c, in the box.
  var x: [T]
  /// c = Wᵀ(x^c − x), which the subspace step reuses.
  var c: [T]
  /// Whether each variable is fixed at a bound in x^c (reached a breakpoint before t^c, or
  /// held at a bound from the start).
  var atBound: [Bool]

  init(x x0: [T], gradient g: [T], bounds: Bounds<T>, memory: CompactLBFGS<T>) {
    let n = x0.count
    let theta = memory.theta
    var breakpoints = [T](repeating: .infinity, count: n)
    var d = [T](repeating: 0, count: n)
    for i in 0..<n {
      if g[i] < 0, bounds.upper[i] < .infinity {
        breakpoints[i] = (x0[i] - bounds.upper[i]) / g[i]
      } else if g[i] > 0, bounds.lower[i] > -.infinity {
        breakpoints[i] = (x0[i] - bounds.lower[i]) / g[i]
      }
      // A variable on a bound with the gradient pushing outward does not move (tᵢ = 0).
      d[i] = breakpoints[i] == 0 ? 0 : -g[i]
    }
    var xc = x0
    var fixed = [Bool](repeating: false, count: n)
    for i in 0..<n where breakpoints[i] == 0 {
      fixed[i] = true
      xc[i] = g[i] > 0 ? bounds.lower[i] : bounds.upper[i]
    }
    var p = memory.transposeTimes(d)
    var c = [T](repeating: 0, count: memory.width)
    var slope = -VectorMath.dot(d, d)
    var curvature = -theta * slope - VectorMath.dot(p, memory.middleTimes(p))
    let smallestCurvature = T.ulpOfOne * Swift.max(-theta * slope, T.leastNormalMagnitude)
    curvature = Swift.max(curvature, smallestCurvature)
    var minimizerStep = slope < 0 ? -slope / curvature : 0
    var order = (0..<n).filter { breakpoints[$0] > 0 && breakpoints[$0] < .infinity }
    order.sort { breakpoints[$0] < breakpoints[$1] }
    var tOld: T = 0
    var next = 0
    while next < order.count {
      let b = order[next]
      let segment = breakpoints[b] - tOld
      guard minimizerStep >= segment else { break }
      // Variable b reaches its bound: move to the breakpoint and fix it there.
      next += 1
      let bound = d[b] > 0 ? bounds.upper[b] : bounds.lower[b]
      xc[b] = bound
      fixed[b] = true
      let zb = bound - x0[b]
      let gb = g[b]
      for j in c.indices { c[j] += segment * p[j] }
      let wb = memory.row(b)
      let mc = memory.middleTimes(c)
      let mp = memory.middleTimes(p)
      let mw = memory.middleTimes(wb)
      slope += segment * curvature + gb * gb + theta * gb * zb - gb * VectorMath.dot(wb, mc)
      curvature +=
        -theta * gb * gb - 2 * gb * VectorMath.dot(wb, mp) - gb * gb * VectorMath.dot(wb, mw)
      curvature = Swift.max(curvature, smallestCurvature)
      for j in p.indices { p[j] += gb * wb[j] }
      d[b] = 0
      tOld = breakpoints[b]
      minimizerStep = slope < 0 ? -slope / curvature : 0
    }
    let step = Swift.max(minimizerStep, 0)
    let t = tOld + step
    for i in 0..<n where !fixed[i] && d[i] != 0 {
      // Clamped: rounding in t must not carry a variable past the bound it nearly reached.
      xc[i] = Swift.min(Swift.max(x0[i] + t * d[i], bounds.lower[i]), bounds.upper[i])
    }
    for j in c.indices { c[j] += step * p[j] }
    self.x = xc
    self.c = c
    self.atBound = fixed
  }
}
