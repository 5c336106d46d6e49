import Testing

@testable import Autodiff

/// The scalar tape's fused instructions (constant operands, products with a constant folded
/// into their reader), each against its closed form derived by hand, in Double and Float.
struct FusionCase: Sendable, CustomStringConvertible {
  let description: String
  /// The fused instruction the recorded body must compile to.
  let op: ScalarOp
  let points: [[Double]]
  /// Value, gradient and row-major Hessian at (x, y).
  let closedForm: @Sendable (Double, Double) -> (f: Double, g: [Double], h: [Double])

  static let all: [FusionCase] = [
    FusionCase(description: "(x + 2.5)·y", op: .addConstant, points: [[0.3, -1.2]]) { x, y in
      ((x + 2.5) * y, [y, x + 2.5], [0, 1, 1, 0])
    },
    FusionCase(description: "(2.5 + x)·y", op: .addConstant, points: [[-4, 0.5]]) { x, y in
      ((2.5 + x) * y, [y, 2.5 + x], [0, 1, 1, 0])
    },
    FusionCase(description: "(x − 2.5)·y", op: .subtractConstant, points: [[0.3, -1.2]]) {
      x, y in ((x - 2.5) * y, [y, x - 2.5], [0, 1, 1, 0])
    },
    FusionCase(description: "(2.5 − x)·y", op: .constantMinus, points: [[0.3, -1.2]]) { x, y in
      ((2.5 - x) * y, [-y, 2.5 - x], [0, -1, -1, 0])
    },
    FusionCase(description: "t·y + t, t = 3x", op: .multiplyConstant, points: [[0.3, -1.2]]) {
      x, y in (3 * x * y + 3 * x, [3 * y + 3, 3 * x], [0, 3, 3, 0])
    },
    FusionCase(description: "(x / 4)·y", op: .divideByConstant, points: [[0.3, -1.2]]) { x, y in
      (x * y / 4, [y / 4, x / 4], [0, 0.25, 0.25, 0])
    },
    FusionCase(description: "(3 / x)·y", op: .constantOver, points: [[1e-3, 0.7], [-0.7, 2]]) {
      x, y in
      (
        3 * y / x, [-3 * y / (x * x), 3 / x],
        [6 * y / (x * x * x), -3 / (x * x), -3 / (x * x), 0]
      )
    },
    FusionCase(description: "x³·y", op: .general, points: [[-1.5, 0.5], [-0.25, -3]]) { x, y in
      (x * x * x * y, [3 * x * x * y, x * x * x], [6 * x * y, 3 * x * x, 3 * x * x, 0])
    },
    FusionCase(description: "x⁻²·y", op: .general, points: [[-1.5, 0.5], [-0.25, -3]]) { x, y in
      let x2 = x * x
      return (
        y / x2, [-2 * y / (x2 * x), 1 / x2], [6 * y / (x2 * x2), -2 / (x2 * x), -2 / (x2 * x), 0]
      )
    },
    FusionCase(description: "2y + x·y", op: .addScaled, points: [[0.3, -1.2]]) { x, y in
      (2 * y + x * y, [y, 2 + x], [0, 1, 1, 0])
    },
    FusionCase(description: "x·y − 3y", op: .subtractScaled, points: [[0.3, -1.2]]) { x, y in
      (x * y - 3 * y, [y, x - 3], [0, 1, 1, 0])
    },
    FusionCase(description: "3y − x·y", op: .scaledMinus, points: [[0.3, -1.2]]) { x, y in
      (3 * y - x * y, [-y, 3 - x], [0, -1, -1, 0])
    },
    FusionCase(description: "(19 − 14x)·y", op: .constantMinusScaled, points: [[0.3, -1.2]]) {
      x, y in ((19 - 14 * x) * y, [-14 * y, 19 - 14 * x], [0, -14, -14, 0])
    },
    FusionCase(description: "6x·y", op: .scaledProduct, points: [[0.3, -1.2]]) { x, y in
      (6 * x * y, [6 * y, 6 * x], [0, 6, 6, 0])
    },
    FusionCase(description: "y·(6x)", op: .scaledProduct, points: [[0.3, -1.2]]) { x, y in
      (6 * x * y, [6 * y, 6 * x], [0, 6, 6, 0])
    },
    FusionCase(description: "(x + y + 1)·(x − y)", op: .sumPlusConstant, points: [[0.3, -1.2]]) {
      x, y in ((x + y + 1) * (x - y), [2 * x + 1, -2 * y - 1], [2, 0, 0, -2])
    },
    FusionCase(description: "(1 + x·y)·x", op: .productPlusConstant, points: [[0.3, -1.2]]) {
      x, y in ((1 + x * y) * x, [1 + 2 * x * y, x * x], [2 * y, 2 * x, 2 * x, 0])
    },
    FusionCase(description: "(1 + x²·y)·x", op: .squareProductPlusConstant, points: [[-0.3, 1.7]]) {
      x, y in
      (x + x * x * x * y, [1 + 3 * x * x * y, x * x * x], [6 * x * y, 3 * x * x, 3 * x * x, 0])
    },
    FusionCase(description: "(1 + y·x²)·x", op: .squareProductPlusConstant, points: [[-0.3, 1.7]]) {
      x, y in
      (x + x * x * x * y, [1 + 3 * x * x * y, x * x * x], [6 * x * y, 3 * x * x, 3 * x * x, 0])
    },
  ]

  /// The recorded function, written with the operations and operand orders the case names.
  func body<T: DifferentiableScalar>(_ x: Variable<T>, _ y: Variable<T>) -> Variable<T> {
    switch description {
    case "(x + 2.5)·y": return (x + 2.5) * y
    case "(2.5 + x)·y": return (2.5 + x) * y
    case "(x − 2.5)·y": return (x - 2.5) * y
    case "(2.5 − x)·y": return (2.5 - x) * y
    case "t·y + t, t = 3x":
      let t = x * 3
      return t * y + t
    case "(x / 4)·y": return (x / 4) * y
    case "(3 / x)·y": return (3 / x) * y
    case "x³·y": return pow(x, 3) * y
    case "x⁻²·y": return pow(x, -2) * y
    case "2y + x·y": return 2 * y + x * y
    case "x·y − 3y": return x * y - 3 * y
    case "3y − x·y": return 3 * y - x * y
    case "(19 − 14x)·y": return (19 - 14 * x) * y
    case "6x·y": return 6 * x * y
    case "y·(6x)": return y * (6 * x)
    case "(x + y + 1)·(x − y)": return (x + y + 1) * (x - y)
    case "(1 + x·y)·x": return (1 + x * y) * x
    case "(1 + x²·y)·x": return (1 + pow(x, 2) * y) * x
    case "(1 + y·x²)·x": return (1 + y * pow(x, 2)) * x
    default: preconditionFailure("no body for \(description)")
    }
  }

  /// Compiles the body in `T` and checks value, gradient, Hessian and a Hessian–vector product
  /// at every point against the closed form, to `relative` accuracy. With `plusZ` the function
  /// is body(x, y) + z, so that its gradient takes the reverse sweep (three inputs) rather than
  /// the forward one.
  func check<T: DifferentiableScalar>(_: T.Type, relative: Double, plusZ: Bool) throws {
    let f = try CompiledFunction<T>(
      inputs: plusZ ? [.scalar, .scalar, .scalar] : [.scalar, .scalar]
    ) { v in
      plusZ ? body(v[0], v[1]) + v[2] : body(v[0], v[1])
    }
    let tape = try #require(f.scalarTape)
    #expect(tape.contains { $0.op == op }, "\(description) compiles to \(op)")
    let n = plusZ ? 3 : 2
    for point in points {
      let x = (plusZ ? point + [0.25] : point).map { T($0) }
      // The closed form at the point as rounded to T.
      let (f2, g2, h2) = closedForm(Double(x[0]), Double(x[1]))
      let fx = plusZ ? f2 + Double(x[2]) : f2
      let gx = plusZ ? g2 + [1] : g2
      let hx = plusZ ? [h2[0], h2[1], 0, h2[2], h2[3], 0, 0, 0, 0] : h2
      func close(_ actual: T, _ expected: Double, _ what: String) {
        let tolerance = relative * max(1, abs(expected))
        #expect(
          abs(Double(actual) - expected) <= tolerance,
          "\(description) in \(T.self) (n = \(n)) at \(point), \(what): \(actual) vs \(expected)")
      }
      close(f.value(x), fx, "value")
      var g: [T] = []
      close(f.gradient(x, into: &g), fx, "value from gradient")
      for k in 0..<n { close(g[k], gx[k], "∂f/∂x\(k)") }
      var h: [T] = []
      f.hessian(x, into: &h)
      for k in 0..<(n * n) { close(h[k], hx[k], "H[\(k / n),\(k % n)]") }
      let direction: [T] = plusZ ? [1, -2, 3] : [1, -2]
      var hv: [T] = []
      f.hessianVectorProduct(x, direction, into: &hv)
      for r in 0..<n {
        let expected = (0..<n).reduce(0.0) { $0 + hx[r * n + $1] * Double(direction[$1]) }
        close(hv[r], expected, "(H·v)[\(r)]")
      }
    }
  }
}

@Test(arguments: FusionCase.all)
func fusedScalarInstructionMatchesClosedForm(_ c: FusionCase) throws {
  for plusZ in [false, true] {
    try c.check(Double.self, relative: 1e-13, plusZ: plusZ)
    try c.check(Float.self, relative: 1e-5, plusZ: plusZ)
  }
}

/// Goldstein–Price compiles to fewer instructions than its recorded operations: each product
/// with a constant that has a single reader disappears into that reader.
@Test func goldsteinPriceTapeIsFused() throws {
  #expect(MemoryLayout<ScalarInstruction>.stride == 20)
  let f = try CompiledFunction<Double>(inputs: [.scalar, .scalar], goldsteinPrice)
  let tape = try #require(f.scalarTape)
  #expect(f.program.elements.count > tape.count)
  #expect(tape.contains { $0.op == .constantMinusScaled })
  #expect(tape.contains { $0.op == .scaledProduct })
  #expect(tape.contains { $0.op == .squareProductPlusConstant })
}

/// An infinite partial derivative reaches only the inputs its operand depends on, in the
/// forward gradient (two inputs) as in the reverse one (three): d√x/dx = ∞ at 0, while the
/// other inputs keep their finite derivatives.
@Test func infinitePartialStaysWithItsInput() throws {
  let two = try CompiledFunction<Double>(inputs: [.scalar, .scalar]) { v in sqrt(v[0]) + 3 * v[1] }
  var g: [Double] = []
  #expect(two.gradient([0, 2], into: &g) == 6)
  #expect(g == [.infinity, 3])
  let three = try CompiledFunction<Float>(inputs: [.scalar, .scalar, .scalar]) { v in
    sqrt(v[0]) * v[1] + v[2]
  }
  var gf: [Float] = []
  #expect(three.gradient([0, 2, 5], into: &gf) == 5)
  #expect(gf[0] == .infinity && gf[1] == 0 && gf[2] == 1)
  let product = try CompiledFunction<Float>(inputs: [.scalar, .scalar]) { v in
    sqrt(v[0]) * v[1] + v[1]
  }
  // ∂/∂y (√x·y + y) = √x + 1 = 1 at x = 0; ∂/∂x = y/(2√x) = ∞.
  #expect(product.gradient([0, 2], into: &gf) == 2)
  #expect(gf == [.infinity, 1])
}
