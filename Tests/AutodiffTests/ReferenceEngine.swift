import Foundation

/// The reference engine: the oracle the tests compare every path of the autodiff core against,
/// and the shortest account of what the core computes. In the spirit of micrograd's
/// `engine.py`, each operation is one short function whose value and derivatives sit side by
/// side; unlike the core it shares no code with the rules it checks (its derivatives are the
/// textbook closed forms, on Foundation's functions) and it has no graph at all.
///
/// A `Reference` number carries f and its derivatives along two directions u and w of the
/// input: f, ∇f·u, ∇f·w and uᵀ(∇²f)w (a hyper-dual number). Seeding x with u = eᵢ and w = eⱼ
/// gives ∂f/∂xᵢ, ∂f/∂xⱼ and ∂²f/∂xᵢ∂xⱼ exactly, up to rounding.
struct Reference {
  var value: Double
  /// ∇f·u.
  var du: Double
  /// ∇f·w.
  var dw: Double
  /// uᵀ(∇²f)w.
  var duw: Double

  init(_ value: Double, du: Double = 0, dw: Double = 0, duw: Double = 0) {
    (self.value, self.du, self.dw, self.duw) = (value, du, dw, duw)
  }

  /// g(f) by the chain rule, from g's value and first and second derivatives at f.
  func chain(_ g: Double, _ g1: Double, _ g2: Double) -> Reference {
    Reference(g, du: g1 * du, dw: g1 * dw, duw: g1 * duw + g2 * du * dw)
  }

  /// h(a, b) from h's value, first partials and second partials at (a, b).
  static func chain(
    _ a: Reference, _ b: Reference, _ h: Double, ha: Double, hb: Double, haa: Double,
    hab: Double, hbb: Double
  ) -> Reference {
    Reference(
      h, du: ha * a.du + hb * b.du, dw: ha * a.dw + hb * b.dw,
      duw: ha * a.duw + hb * b.duw + haa * a.du * a.dw + hab * (a.du * b.dw + b.du * a.dw)
        + hbb * b.du * b.dw)
  }

  /// The point x with its coordinates seeded: element k has du = 1 when k = i, dw = 1 when
  /// k = j.
  static func seeded(_ x: [Double], _ i: Int, _ j: Int) -> [Reference] {
    x.indices.map { k in Reference(x[k], du: k == i ? 1 : 0, dw: k == j ? 1 : 0) }
  }

  /// f's value, gradient and Hessian at x: one pass per pair of coordinates.
  static func derivatives(of f: ([Reference]) -> Reference, at x: [Double]) -> (
    value: Double, gradient: [Double], hessian: [[Double]]
  ) {
    let n = x.count
    var gradient = [Double](repeating: 0, count: n)
    var hessian = [[Double]](repeating: gradient, count: n)
    var value = f(x.map { Reference($0) }).value
    for i in 0..<n {
      for j in 0..<n {
        let r = f(seeded(x, i, j))
        value = r.value
        gradient[i] = r.du
        hessian[i][j] = r.duw
      }
    }
    return (value, gradient, hessian)
  }
}

// Arithmetic.
func + (a: Reference, b: Reference) -> Reference {
  .chain(a, b, a.value + b.value, ha: 1, hb: 1, haa: 0, hab: 0, hbb: 0)
}
func - (a: Reference, b: Reference) -> Reference {
  .chain(a, b, a.value - b.value, ha: 1, hb: -1, haa: 0, hab: 0, hbb: 0)
}
func * (a: Reference, b: Reference) -> Reference {
  .chain(a, b, a.value * b.value, ha: b.value, hb: a.value, haa: 0, hab: 1, hbb: 0)
}
func / (a: Reference, b: Reference) -> Reference {
  let (x, y) = (a.value, b.value)
  return .chain(
    a, b, x / y, ha: 1 / y, hb: -x / (y * y), haa: 0, hab: -1 / (y * y), hbb: 2 * x / (y * y * y))
}
prefix func - (a: Reference) -> Reference { a.chain(-a.value, -1, 0) }
func + (a: Reference, c: Double) -> Reference { a + Reference(c) }
func * (c: Double, a: Reference) -> Reference { Reference(c) * a }

/// a^c for a constant exponent c.
func pow(_ a: Reference, _ c: Double) -> Reference {
  let x = a.value
  return a.chain(
    Foundation.pow(x, c), c * Foundation.pow(x, c - 1), c * (c - 1) * Foundation.pow(x, c - 2))
}
/// a^b for a positive base.
func pow(_ a: Reference, _ b: Reference) -> Reference {
  let (x, y) = (a.value, b.value)
  let p = Foundation.pow(x, y)
  let l = Foundation.log(x)
  return .chain(
    a, b, p, ha: y * p / x, hb: p * l, haa: y * (y - 1) * p / (x * x), hab: p / x * (1 + y * l),
    hbb: p * l * l)
}
func atan2(_ a: Reference, _ b: Reference) -> Reference {
  let (y, x) = (a.value, b.value)
  let r2 = x * x + y * y
  return .chain(
    a, b, Foundation.atan2(y, x), ha: x / r2, hb: -y / r2, haa: -2 * x * y / (r2 * r2),
    hab: (y * y - x * x) / (r2 * r2), hbb: 2 * x * y / (r2 * r2))
}
func hypot(_ a: Reference, _ b: Reference) -> Reference {
  let (x, y) = (a.value, b.value)
  let h = Foundation.hypot(x, y)
  let h3 = h * h * h
  return .chain(
    a, b, h, ha: x / h, hb: y / h, haa: y * y / h3, hab: -x * y / h3, hbb: x * x / h3)
}
/// min and max away from ties.
func min(_ a: Reference, _ b: Reference) -> Reference { a.value < b.value ? a : b }
func max(_ a: Reference, _ b: Reference) -> Reference { a.value > b.value ? a : b }

// Functions of one operand: f, f′, f″.
func exp(_ a: Reference) -> Reference {
  let e = Foundation.exp(a.value)
  return a.chain(e, e, e)
}
func log(_ a: Reference) -> Reference {
  let x = a.value
  return a.chain(Foundation.log(x), 1 / x, -1 / (x * x))
}
func sqrt(_ a: Reference) -> Reference {
  let s = Foundation.sqrt(a.value)
  return a.chain(s, 0.5 / s, -0.25 / (s * s * s))
}
func abs(_ a: Reference) -> Reference { a.value < 0 ? -a : a }
func sin(_ a: Reference) -> Reference {
  a.chain(Foundation.sin(a.value), Foundation.cos(a.value), -Foundation.sin(a.value))
}
func cos(_ a: Reference) -> Reference {
  a.chain(Foundation.cos(a.value), -Foundation.sin(a.value), -Foundation.cos(a.value))
}
func tan(_ a: Reference) -> Reference {
  let c = Foundation.cos(a.value)
  let t = Foundation.tan(a.value)
  return a.chain(t, 1 / (c * c), 2 * t / (c * c))
}
func tanh(_ a: Reference) -> Reference {
  let c = Foundation.cosh(a.value)
  let t = Foundation.tanh(a.value)
  return a.chain(t, 1 / (c * c), -2 * t / (c * c))
}
func atan(_ a: Reference) -> Reference {
  let x = a.value
  let q = 1 + x * x
  return a.chain(Foundation.atan(x), 1 / q, -2 * x / (q * q))
}
func sinh(_ a: Reference) -> Reference {
  a.chain(Foundation.sinh(a.value), Foundation.cosh(a.value), Foundation.sinh(a.value))
}
func cosh(_ a: Reference) -> Reference {
  a.chain(Foundation.cosh(a.value), Foundation.sinh(a.value), Foundation.cosh(a.value))
}
func log1p(_ a: Reference) -> Reference {
  let q = 1 + a.value
  return a.chain(Foundation.log1p(a.value), 1 / q, -1 / (q * q))
}
func expm1(_ a: Reference) -> Reference {
  let e = Foundation.exp(a.value)
  return a.chain(Foundation.expm1(a.value), e, e)
}
func asin(_ a: Reference) -> Reference {
  let x = a.value
  let q = 1 - x * x
  return a.chain(Foundation.asin(x), 1 / Foundation.sqrt(q), x / (q * Foundation.sqrt(q)))
}
func acos(_ a: Reference) -> Reference {
  let x = a.value
  let q = 1 - x * x
  return a.chain(Foundation.acos(x), -1 / Foundation.sqrt(q), -x / (q * Foundation.sqrt(q)))
}
func asinh(_ a: Reference) -> Reference {
  let x = a.value
  let q = 1 + x * x
  return a.chain(Foundation.asinh(x), 1 / Foundation.sqrt(q), -x / (q * Foundation.sqrt(q)))
}
func sigmoid(_ a: Reference) -> Reference {
  // e^x/(1 + e^x) written with e^−|x|, which cannot overflow.
  let x = a.value
  let e = Foundation.exp(-Swift.abs(x))
  let s = x >= 0 ? 1 / (1 + e) : e / (1 + e)
  return a.chain(s, s * (1 - s), s * (1 - s) * (1 - 2 * s))
}
func softplus(_ a: Reference) -> Reference {
  let x = a.value
  let e = Foundation.exp(-Swift.abs(x))
  let s = x >= 0 ? 1 / (1 + e) : e / (1 + e)
  return a.chain(Swift.max(x, 0) + Foundation.log1p(e), s, s * (1 - s))
}
func erf(_ a: Reference) -> Reference {
  let x = a.value
  let d = 2 / Double.pi.squareRoot() * Foundation.exp(-x * x)
  return a.chain(Foundation.erf(x), d, -2 * x * d)
}
/// log Σ exp(vᵢ), shifted by the largest element.
func logsumexp(_ v: [Reference]) -> Reference {
  let m = v.map(\.value).max()!
  var total = Reference(0)
  for x in v { total = total + exp(x + -m) }
  return log(total) + m
}
func sum(_ v: [Reference]) -> Reference { v.dropFirst().reduce(v[0], +) }
