import Autodiff
import OptimizationCore

/// Solvers of the trust-region subproblem min gᵀp + ½pᵀBp subject to ‖p‖ ≤ Δ.
enum TrustRegionSubproblem {
  /// The exact solution from the eigen-decomposition B = QΛQᵀ (Moré–Sorensen in eigen form,
  /// N&W §4.3): the interior Newton step when B is positive definite and it fits, otherwise
  /// p(λ) = −(B + λI)⁻¹g with ‖p(λ)‖ = Δ found by safeguarded Newton iteration on
  /// 1/Δ − 1/‖p(λ)‖, including the hard case. Returns p and B·p.
  static func exact<T: SolverScalar>(gradient g: [T], hessian b: [T], n: Int, radius: T) -> (
    step: [T], bStep: [T]
  ) {
    let (lambdas, q) = SymmetricEigen.decompose(b, n: n)
    // a = Qᵀg
    var a = [T](repeating: 0, count: n)
    for j in 0..<n {
      var s: T = 0
      for i in 0..<n { s += q[i * n + j] * g[i] }
      a[j] = s
    }
    func step(_ lambda: T, skip: Set<Int> = []) -> [T] {
      var p = [T](repeating: 0, count: n)
      for j in 0..<n where !skip.contains(j) {
        let c = -a[j] / (lambdas[j] + lambda)
        for i in 0..<n { p[i] += c * q[i * n + j] }
      }
      return p
    }
    func norm(_ lambda: T, skip: Set<Int> = []) -> T {
      var s: T = 0
      for j in 0..<n where !skip.contains(j) {
        let c = a[j] / (lambdas[j] + lambda)
        s += c * c
      }
      return s.squareRoot()
    }
    func withProduct(_ p: [T]) -> ([T], [T]) { (p, BFGS.product(b, p, n)) }

    let smallest = lambdas.first ?? 0
    let gNorm = VectorMath.norm2(g)
    let scale = Swift.max(Swift.abs(lambdas.last ?? 1), Swift.abs(smallest), 1)
    let eigenTolerance = T.ulpOfOne.squareRoot() * scale
    if smallest > eigenTolerance, norm(0) <= radius { return withProduct(step(0)) }

    let lower = Swift.max(0, -smallest)
    // Hard case: g has (almost) no component along the eigenvectors of the smallest eigenvalue
    // and even λ = −λ₁ leaves the step inside the region.
    let bottom = Set((0..<n).filter { lambdas[$0] - smallest <= eigenTolerance })
    let along = bottom.reduce(T(0)) { $0 + a[$1] * a[$1] }.squareRoot()
    if smallest <= eigenTolerance, along <= T.ulpOfOne.squareRoot() * Swift.max(gNorm, 1) {
      var p = step(lower, skip: bottom)
      let pn = VectorMath.norm2(p)
      if pn <= radius, let j = bottom.first {
        let tau = (radius * radius - pn * pn).squareRoot()
        for i in 0..<n { p[i] += tau * q[i * n + j] }
        return withProduct(p)
      }
    }

    // ‖p(λ)‖ decreases from above Δ at λ → lower to at most Δ at λ = ‖g‖/Δ − λ₁.
    var lo = lower
    var hi = Swift.max(lower, gNorm / radius - smallest) + eigenTolerance
    while norm(hi) > radius, hi.isFinite { hi = 2 * hi + 1 }
    var lambda = hi
    for _ in 0..<100 {
      let pn = norm(lambda)
      if Swift.abs(pn - radius) <= radius * T.ulpOfOne.squareRoot() { break }
      if pn > radius { lo = lambda } else { hi = lambda }
      // φ(λ) = 1/Δ − 1/‖p‖,  φ'(λ) = −Σ aⱼ²/(λⱼ + λ)³ / ‖p‖³
      var cubic: T = 0
      for j in 0..<n {
        let denominator = lambdas[j] + lambda
        cubic += a[j] * a[j] / (denominator * denominator * denominator)
      }
      let phi = 1 / radius - 1 / pn
      let derivative = -cubic / (pn * pn * pn)
      var next = lambda - phi / derivative
      if !(next > lo && next < hi) || !next.isFinite { next = (lo + hi) / 2 }
      if next == lambda { break }
      lambda = next
    }
    return withProduct(step(lambda))
  }

  /// Steihaug–Toint truncated conjugate gradients (N&W Alg. 7.2) with Hessian–vector products:
  /// stops on the boundary, at negative curvature, or when ‖r‖ ≤ min(0.5, √‖g‖)·‖g‖.
  /// Returns p and B·p (accumulated from the residual, without an extra product).
  static func steihaug<T: SolverScalar>(
    gradient g: [T], radius: T, maxIterations: Int,
    product: ([T]) throws(EvaluationLimitReached) -> [T]
  ) throws(EvaluationLimitReached) -> (step: [T], bStep: [T]) {
    let n = g.count
    var z = [T](repeating: 0, count: n)
    var r = g
    var d = VectorMath.negated(g)
    let gNorm = VectorMath.norm2(g)
    let tolerance = Swift.min(T(0.5), gNorm.squareRoot()) * gNorm
    if gNorm <= tolerance || gNorm == 0 { return (z, z) }
    // B·z = r − g throughout.
    func boundary(_ bd: [T]) -> ([T], [T]) {
      // τ ≥ 0 with ‖z + τd‖ = Δ.
      let dd = VectorMath.dot(d, d)
      let zd = VectorMath.dot(z, d)
      let zz = VectorMath.dot(z, z)
      let tau = (-zd + (zd * zd + dd * (radius * radius - zz)).squareRoot()) / dd
      let p = VectorMath.adding(z, tau, d)
      let bp = VectorMath.adding(VectorMath.difference(r, g), tau, bd)
      return (p, bp)
    }
    for _ in 0..<Swift.max(maxIterations, 1) {
      let bd = try product(d)
      let curvature = VectorMath.dot(d, bd)
      if !(curvature > 0) { return boundary(bd) }
      let rr = VectorMath.dot(r, r)
      let alpha = rr / curvature
      let zNext = VectorMath.adding(z, alpha, d)
      if VectorMath.norm2(zNext) >= radius { return boundary(bd) }
      z = zNext
      r = VectorMath.adding(r, alpha, bd)
      if VectorMath.norm2(r) <= tolerance { break }
      let beta = VectorMath.dot(r, r) / rr
      d = VectorMath.adding(VectorMath.negated(r), beta, d)
    }
    return (z, VectorMath.difference(r, g))
  }
}
