import Testing

@testable import Autodiff

/// The compiled fast path against closed forms derived by hand (and checked with sympy).
/// Every function is recorded at the origin and evaluated elsewhere.

// Literals with a decimal point: in code generic over the precision, integer literals make
// the type checker try every integer type for each (see ConcreteScalarOperators.swift).
func goldsteinPrice<T>(_ v: [Variable<T>]) -> Variable<T> {
  let x = v[0]
  let y = v[1]
  let a =
    1.0 + pow(x + y + 1.0, 2.0)
    * (19.0 - 14.0 * x + 3.0 * pow(x, 2.0) - 14.0 * y + 6.0 * x * y + 3.0 * pow(y, 2.0))
  let b =
    30.0 + pow(2.0 * x - 3.0 * y, 2.0)
    * (18.0 - 32.0 * x + 12.0 * pow(x, 2.0) + 48.0 * y - 36.0 * x * y + 27.0 * pow(y, 2.0))
  return a * b
}

func expectClose(
  _ actual: Double, _ expected: Double, relative: Double = 1e-12,
  _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  let tolerance = relative * max(1, abs(expected))
  #expect(
    abs(actual - expected) <= tolerance, "\(what()): \(actual) vs \(expected)",
    sourceLocation: sourceLocation)
}

func expectClose(
  _ actual: [Double], _ expected: [Double], relative: Double = 1e-12,
  _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.count == expected.count, sourceLocation: sourceLocation)
  for (k, (a, e)) in zip(actual, expected).enumerated() {
    expectClose(a, e, relative: relative, "\(what)[\(k)]", sourceLocation: sourceLocation)
  }
}

/// Value, gradient (row), Hessian (row-major) at a point.
struct ClosedForm {
  var x: [Double]
  var f: Double
  var g: [Double]
  var h: [Double]
}

func check(_ function: CompiledFunction<Double>, _ cases: [ClosedForm], relative: Double = 1e-12) {
  for c in cases {
    var g: [Double] = []
    var h: [Double] = []
    expectClose(function.value(c.x), c.f, relative: relative, "f at \(c.x)")
    expectClose(function.gradient(c.x, into: &g), c.f, relative: relative, "f from gradient")
    expectClose(g, c.g, relative: relative, "gradient at \(c.x)")
    function.hessian(c.x, into: &h)
    expectClose(h, c.h, relative: relative, "Hessian at \(c.x)")
    // The Hessian–vector product along (1, 2, …) is H·v.
    let n = c.x.count
    let v = (0..<n).map { Double($0 + 1) }
    var hv: [Double] = []
    function.hessianVectorProduct(c.x, v, into: &hv)
    let expected = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + c.h[i * n + $1] * v[$1] } }
    expectClose(hv, expected, relative: relative, "Hessian–vector product at \(c.x)")
  }
}

@Test func goldsteinPriceMatchesSympy() throws {
  let f = try CompiledFunction<Double>(inputs: [.scalar, .scalar], goldsteinPrice)
  #expect(f.dimension == 2)
  // Exact rationals from sympy's diff of the Goldstein–Price polynomial, as floats.
  check(
    f,
    [
      ClosedForm(x: [0, -1], f: 3, g: [0, 0], h: [504, -216, -216, 864]),
      ClosedForm(
        x: [-0.5, 0.25], f: 179_486_281.0 / 65536, g: [-10_291_359.0 / 4096, 16_755_219.0 / 1024],
        h: [-10_268_553.0 / 1024, -19_001_763.0 / 1024, -19_001_763.0 / 1024, 41_487_651.0 / 512]),
      ClosedForm(x: [1.2, 0.8], f: 840, g: [0, 0], h: [5112, -4968, -4968, 10152]),
      ClosedForm(
        x: [-1.5, 1.75], f: 40_355_329_833.0 / 65536,
        g: [-206_676_225.0 / 4096, 1_294_002_675.0 / 1024],
        h: [
          -1_025_781_129.0 / 1024, -843_730_659.0 / 1024, -843_730_659.0 / 1024,
          739_672_443.0 / 512,
        ]),
    ], relative: 1e-11)
}

@Test func matyasMatchesHandDerivation() throws {
  // f = 0.26(x² + y²) − 0.48xy; ∇f = (0.52x − 0.48y, 0.52y − 0.48x); H = [[0.52, −0.48], …].
  let f = try CompiledFunction<Double>(inputs: [.scalar, .scalar]) { v in
    0.26 * (v[0] * v[0] + v[1] * v[1]) - 0.48 * v[0] * v[1]
  }
  let h = [0.52, -0.48, -0.48, 0.52]
  check(
    f,
    [
      ClosedForm(x: [1, 2], f: 0.34, g: [-0.44, 0.56], h: h),
      ClosedForm(x: [-3, 0.5], f: 3.125, g: [-1.8, 1.7], h: h),
      ClosedForm(x: [0, 0], f: 0, g: [0, 0], h: h),
    ])
}

@Test func sphereMatchesHandDerivation() throws {
  // f = Σ xᵢ², ∇f = 2x, H = 2I.
  let f = try CompiledFunction<Double>(dimension: 3) { x in sum(x * x) }
  let h: [Double] = [2, 0, 0, 0, 2, 0, 0, 0, 2]
  check(
    f,
    [
      ClosedForm(x: [1, -2, 3], f: 14, g: [2, -4, 6], h: h),
      ClosedForm(x: [0.5, 0, -0.25], f: 0.3125, g: [1, 0, -0.5], h: h),
    ])
}

@Test func shiftedQuadraticMatchesHandDerivation() throws {
  // f = 2x₀² + x₁² + 2x₀ + x₁; ∇f = (4x₀ + 2, 2x₁ + 1); H = diag(4, 2).
  let f = try CompiledFunction<Double>(dimension: 2) { x in
    2 * pow(x[0], 2) + pow(x[1], 2) + 2 * x[0] + x[1]
  }
  let h: [Double] = [4, 0, 0, 2]
  check(
    f,
    [
      ClosedForm(x: [1, -1], f: 4, g: [6, -1], h: h),
      ClosedForm(x: [-0.5, -0.5], f: -0.75, g: [0, 0], h: h),
      ClosedForm(x: [3, 2], f: 30, g: [14, 5], h: h),
    ])
}

@Test func goldsteinPriceInFloat() throws {
  let f = try CompiledFunction<Float>(inputs: [.scalar, .scalar], goldsteinPrice)
  var g: [Float] = []
  var h: [Float] = []
  let x: [Float] = [-0.5, 0.25]
  // The same sympy values as the Double test, at single precision.
  let value = f.gradient(x, into: &g)
  #expect(abs(value - 2738.7433) <= 2e-3)
  #expect(abs(g[0] - -2512.5388) <= 1e-2)
  #expect(abs(g[1] - 16362.519) <= 1e-1)
  f.hessian(x, into: &h)
  let expected: [Float] = [-10027.884, -18556.41, -18556.41, 81030.57]
  for k in 0..<4 { #expect(abs(h[k] - expected[k]) <= 1e-4 * abs(expected[k])) }
}

@Test func nonScalarResultIsRejected() {
  #expect(throws: CompiledFunctionError.self) {
    try CompiledFunction<Double>(dimension: 3) { x in x * x }
  }
}

@Test func shapeMisfitIsRejected() {
  #expect(throws: ShapeError.self) {
    try CompiledFunction<Double>(inputs: [.vector(3), .vector(2)]) { v in
      sum(try Variable.applying(.add, to: [v[0], v[1]]))
    }
  }
}

@Test func constantAndInputResults() throws {
  // f = x₁ (an input element itself) and f = 5 (no dependence on the input).
  let pick = try CompiledFunction<Double>(dimension: 3) { x in x[1] }
  var g: [Double] = []
  #expect(pick.gradient([4, 5, 6], into: &g) == 5)
  #expect(g == [0, 1, 0])
  let constant = try CompiledFunction<Double>(dimension: 2) { _ in Variable(5.0) }
  #expect(constant.gradient([1, 2], into: &g) == 5)
  #expect(g == [0, 0])
}

@Test func copySharesTheProgram() throws {
  let f = try CompiledFunction<Double>(inputs: [.scalar, .scalar], goldsteinPrice)
  let c = f.copy()
  var g1: [Double] = []
  var g2: [Double] = []
  #expect(f.gradient([0.3, -0.7], into: &g1) == c.gradient([0.3, -0.7], into: &g2))
  #expect(g1 == g2)
}
