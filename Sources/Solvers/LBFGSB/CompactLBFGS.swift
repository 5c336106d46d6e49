import Autodiff
import OptimizationCore

/// The limited-memory BFGS matrix in the compact form of Byrd, Nocedal & Schnabel (1994), as
/// L-BFGS-B uses it (Byrd, Lu, Nocedal & Zhu 1995, §3):
///
///   B = θI − W·M·Wᵀ,  W = [Y  θS] (n × 2k),  M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹ (2k × 2k),
///
/// with S and Y the last k ≤ m pairs sᵢ = xᵢ₊₁ − xᵢ, yᵢ = gᵢ₊₁ − gᵢ (oldest first),
/// D = diag(sᵢᵀyᵢ), Lᵢⱼ = sᵢᵀyⱼ for i > j (0 otherwise) and θ = yᵀy/sᵀy of the newest pair.
/// The products the Cauchy point and the subspace step need cost O(kn); M is rebuilt, O(k²n),
/// when a pair is added.
struct CompactLBFGS<T: SolverScalar> {
  let capacity: Int
  private(set) var s: [[T]] = []
  private(set) var y: [[T]] = []
  private(set) var theta: T = 1
  /// M, row-major, 2k × 2k.
  private(set) var middle: [T] = []

  init(capacity: Int) { self.capacity = Swift.max(capacity, 1) }

  var count: Int { s.count }
  var isEmpty: Bool { s.isEmpty }
  /// The number of columns of W, 2k.
  var width: Int { 2 * s.count }

  mutating func reset() {
    s.removeAll()
    y.removeAll()
    theta = 1
    middle = []
  }

  /// Adds a pair when its curvature sᵀy is safely positive (sᵀy > ε·yᵀy, the test of the
  /// L-BFGS-B code), dropping the oldest beyond the capacity; returns whether it was added.
  /// A pair whose middle matrix cannot be inverted clears the memory.
  @discardableResult
  mutating func add(s newS: [T], y newY: [T]) -> Bool {
    let sy = VectorMath.dot(newS, newY)
    let yy = VectorMath.dot(newY, newY)
    guard sy > T.ulpOfOne * yy, sy.isFinite, yy.isFinite else { return false }
    if s.count == capacity {
      s.removeFirst()
      y.removeFirst()
    }
    s.append(newS)
    y.append(newY)
    theta = yy / sy
    guard rebuildMiddle() else {
      reset()
      return false
    }
    return true
  }

  private mutating func rebuildMiddle() -> Bool {
    let k = s.count
    let w = 2 * k
    var a = [T](repeating: 0, count: w * w)
    for i in 0..<k {
      a[i * w + i] = -VectorMath.dot(s[i], y[i])
      for j in 0..<k {
        if i > j {
          let l = VectorMath.dot(s[i], y[j])
          a[(k + i) * w + j] = l  // L in the lower left
          a[j * w + (k + i)] = l  // Lᵀ in the upper right
        }
        a[(k + i) * w + (k + j)] = theta * VectorMath.dot(s[i], s[j])
      }
    }
    guard let inverse = DenseLinearAlgebra.inverse(a, n: w) else { return false }
    middle = inverse
    return true
  }

  /// Row i of W: (y₀ᵢ, …, yₖ₋₁ᵢ, θs₀ᵢ, …, θsₖ₋₁ᵢ).
  func row(_ i: Int) -> [T] {
    y.map { $0[i] } + s.map { theta * $0[i] }
  }

  /// Wᵀv over the coordinates in `indices` (all when nil).
  func transposeTimes(_ v: [T], indices: [Int]? = nil) -> [T] {
    let k = s.count
    var r = [T](repeating: 0, count: 2 * k)
    for j in 0..<k {
      var a: T = 0
      var b: T = 0
      if let indices {
        for i in indices {
          a += y[j][i] * v[i]
          b += s[j][i] * v[i]
        }
      } else {
        for i in v.indices {
          a += y[j][i] * v[i]
          b += s[j][i] * v[i]
        }
      }
      r[j] = a
      r[k + j] = theta * b
    }
    return r
  }

  /// Row i of W times p.
  func rowTimes(_ i: Int, _ p: [T]) -> T {
    let k = s.count
    var r: T = 0
    for j in 0..<k { r += y[j][i] * p[j] + theta * s[j][i] * p[k + j] }
    return r
  }

  /// M·v.
  func middleTimes(_ v: [T]) -> [T] {
    DenseLinearAlgebra.times(middle, rows: width, v)
  }

  /// B·v in full (for tests and checks; O(kn)).
  func times(_ v: [T]) -> [T] {
    let mw = middleTimes(transposeTimes(v))
    return v.indices.map { theta * v[$0] - rowTimes($0, mw) }
  }
}
