import Testing

@testable import Autodiff

/// Chained Rosenbrock f = Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², i < n − 1, written with
/// vector operations, against its gradient and Hessian derived by hand.
func chainedRosenbrock<T>(_ x: Variable<T>) -> Variable<T> {
  sum(100 * pow(x.slice(1, nil) - pow(x.slice(nil, -1), 2), 2) + pow(1 - x.slice(nil, -1), 2))
}

/// ∂f/∂x_i = −400 x_i (x_{i+1} − x_i²) − 2(1 − x_i) [i < n−1] + 200 (x_i − x_{i−1}²) [i > 0].
func rosenbrockGradient(_ x: [Double]) -> [Double] {
  let n = x.count
  var g = [Double](repeating: 0, count: n)
  for i in 0..<(n - 1) {
    let r = x[i + 1] - x[i] * x[i]
    g[i] += -400 * x[i] * r - 2 * (1 - x[i])
    g[i + 1] += 200 * r
  }
  return g
}

/// H is tridiagonal: H_ii = 1200 x_i² − 400 x_{i+1} + 2 [i < n−1] + 200 [i > 0],
/// H_{i,i+1} = H_{i+1,i} = −400 x_i.
func rosenbrockHessianTimes(_ x: [Double], _ v: [Double]) -> [Double] {
  let n = x.count
  var hv = [Double](repeating: 0, count: n)
  for i in 0..<(n - 1) {
    let dii = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
    let off = -400 * x[i]
    hv[i] += dii * v[i] + off * v[i + 1]
    hv[i + 1] += off * v[i] + 200 * v[i + 1]
  }
  return hv
}

func rosenbrockValue(_ x: [Double]) -> Double {
  (0..<(x.count - 1)).reduce(0.0) { f, i in
    let r = x[i + 1] - x[i] * x[i]
    return f + 100 * r * r + (1 - x[i]) * (1 - x[i])
  }
}

/// n = 10 fits one chunk; n = 1300 spans three, the last one partial.
@Test(arguments: [10, 1300])
func chainedRosenbrockMatchesHandDerivation(n: Int) throws {
  let f = try CompiledFunction<Double>(dimension: n, chainedRosenbrock)
  var rng = SplitMix64(state: UInt64(n))
  for _ in 0..<3 {
    let x = (0..<n).map { _ in Double.random(in: -2...2, using: &rng) }
    let v = (0..<n).map { _ in Double.random(in: -1...1, using: &rng) }
    var g: [Double] = []
    let value = f.gradient(x, into: &g)
    let expected = rosenbrockValue(x)
    #expect(abs(value - expected) <= 1e-12 * expected)
    #expect(abs(f.value(x) - expected) <= 1e-12 * expected)
    let expectedGradient = rosenbrockGradient(x)
    for i in 0..<n {
      #expect(abs(g[i] - expectedGradient[i]) <= 1e-12 * max(1, abs(expectedGradient[i])))
    }
    var hv: [Double] = []
    f.hessianVectorProduct(x, v, into: &hv)
    let expectedProduct = rosenbrockHessianTimes(x, v)
    for i in 0..<n {
      #expect(abs(hv[i] - expectedProduct[i]) <= 1e-12 * max(1, abs(expectedProduct[i])))
    }
  }
}

@Test func chainedRosenbrockHessianInFloat() throws {
  let n = 6
  let f = try CompiledFunction<Float>(dimension: n, chainedRosenbrock)
  let x: [Double] = [-1.2, 1, 0.5, -0.3, 0.8, 1.1]
  var h: [Float] = []
  f.hessian(x.map(Float.init), into: &h)
  for j in 0..<n {
    var e = [Double](repeating: 0, count: n)
    e[j] = 1
    let column = rosenbrockHessianTimes(x, e)
    for i in 0..<n {
      #expect(abs(Double(h[i * n + j]) - column[i]) <= 1e-5 * max(1, abs(column[i])))
    }
  }
}
