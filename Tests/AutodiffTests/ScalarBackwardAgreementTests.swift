import Autodiff
import Testing

/// An unrecorded backward pass through scalars runs the value rules of ScalarBackward.swift; a
/// recorded one (`createGraph: true`) runs the graph rules of Backward.swift, which the other
/// suites check against closed forms and finite differences. The two must agree to the bit.
@Suite struct ScalarBackwardAgreementTests {
  typealias Function = ([Variable<Double>]) -> Variable<Double>

  static func cases() -> [(name: String, arity: Int, f: Function)] {
    [
      ("+", 2, { $0[0] + $0[1] }), ("-", 2, { $0[0] - $0[1] }), ("*", 2, { $0[0] * $0[1] }),
      ("/", 2, { $0[0] / $0[1] }), ("pow", 2, { pow($0[0], $0[1]) }),
      ("pow(x, 0)", 1, { pow($0[0], 0.0) }), ("pow(x, 3)", 1, { pow($0[0], 3.0) }),
      ("pow(2, x)", 1, { pow(2.0, $0[0]) }), ("pow(x, -1.5)", 1, { pow($0[0], -1.5) }),
      ("atan2", 2, { atan2($0[0], $0[1]) }), ("min", 2, { min($0[0], $0[1]) }),
      ("max", 2, { max($0[0], $0[1]) }), ("neg", 1, { -$0[0] }), ("exp", 1, { exp($0[0]) }),
      ("log", 1, { log($0[0]) }), ("sqrt", 1, { sqrt($0[0]) }), ("abs", 1, { abs($0[0]) }),
      ("sin", 1, { sin($0[0]) }), ("cos", 1, { cos($0[0]) }), ("tan", 1, { tan($0[0]) }),
      ("tanh", 1, { tanh($0[0]) }), ("atan", 1, { atan($0[0]) }),
      ("2.5 - x", 1, { 2.5 - $0[0] }), ("x - 2.5", 1, { $0[0] - 2.5 }),
      ("2.5 / x", 1, { 2.5 / $0[0] }), ("x / 2.5", 1, { $0[0] / 2.5 }),
      ("2.5 + x", 1, { 2.5 + $0[0] }), ("pow(-2, x)", 1, { pow(-2.0, $0[0]) }),
      (
        "shared subexpression", 2,
        { v in
          let s = v[0] * v[1]
          return exp(s) * s + s / v[1]
        }
      ),
    ]
  }

  static let points: [[Double]] = [
    [0.7, -1.3], [-2, 3], [0, 2], [1.5, 1.5], [0, 0], [2.5, 0.4], [-0.3, -0.3],
  ]

  /// The same bits, or both NaN.
  static func identical(_ a: Double, _ b: Double) -> Bool {
    a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
  }

  @Test func valueRulesGiveTheBitsOfTheRecordedRules() throws {
    for (name, arity, f) in Self.cases() {
      for point in Self.points {
        let x = Array(point.prefix(arity))
        // The outer function makes the gradient reaching f's rules other than 1, which would
        // hide a difference in the order of the multiplications.
        func outer(_ v: [Variable<Double>]) -> Variable<Double> {
          let y = f(v)
          return y * y * 0.37 + y * 1.3
        }
        let plain = x.map { Variable($0, requiresGrad: true) }
        try outer(plain).backward()
        let recordedInputs = x.map { Variable($0, requiresGrad: true) }
        let recorded = try grad(of: outer(recordedInputs), wrt: recordedInputs, createGraph: true)
        for i in 0..<arity {
          let a = plain[i].grad!.scalar
          let b = recorded[i].scalar
          #expect(Self.identical(a, b), "\(name) at \(x), input \(i): \(a) vs \(b)")
        }
      }
    }
  }
}
