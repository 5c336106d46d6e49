import Autodiff
import Foundation
import Solvers
import Testing

/// The DocC articles' Swift blocks are the bodies below, region by region, and what they print
/// is the articles' text blocks; change one and this test fails until the other follows.
@Suite struct DocCArticleTests {
  static func gradients() throws -> [String] {
    var printed = [String]()
    func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }
    // BEGIN Gradients
    let x = Variable<Double>(3, requiresGrad: true)
    let y = x * x + 2 * x
    try y.backward()
    print(x.grad!.scalar)
    // ---
    let z = x * x * x
    try z.backward()
    print(x.grad!.scalar)
    x.clearGrad()
    try z.backward()
    try z.backward()
    print(x.grad!.scalar)
    // ---
    let a = Variable<Double>([2, 3], requiresGrad: true)
    let q = 3 * pow(a, 3)
    do {
      try q.backward()
    } catch {
      print(error)
    }
    try q.backward(gradient: Tensor([1, 1]))
    print(a.grad!.value.elements)
    // ---
    let u = Variable<Double>(1, requiresGrad: true)
    let v = u * u
    v.retainGrad()
    try (v * v).backward()
    print(v.grad!.scalar, u.grad!.scalar)
    // ---
    let w = Variable<Double>(2, requiresGrad: true)
    let frozen = w.detached()
    let scaled = withoutGrad { w * 5 }
    print(frozen.requiresGrad, scaled.requiresGrad, scaled.scalar)
    // ---
    let p = Variable<Double>(2, requiresGrad: true)
    let s = Variable<Double>(4, requiresGrad: true)
    let product = p * p * s
    let dp = try grad(of: product, wrt: [p])
    print(dp[0].scalar, p.grad == nil, s.grad == nil)
    // ---
    let t = Variable<Double>(2, requiresGrad: true)
    let cube = pow(t, 3)
    let d1 = try grad(of: cube, wrt: [t], createGraph: true)[0]
    let d2 = try grad(of: d1, wrt: [t], createGraph: true)[0]
    let d3 = try grad(of: d2, wrt: [t])[0]
    print(d1.scalar, d2.scalar, d3.scalar)
    // ---
    var point = 2.0
    for _ in 0..<7 {
      let x = Variable(point, requiresGrad: true)
      let f = pow(x, 4) - 2 * pow(x, 2)
      let g = try grad(of: f, wrt: [x], createGraph: true)[0]
      let h = try grad(of: g, wrt: [x])[0]
      point -= g.scalar / h.scalar
    }
    print(point)
    // END Gradients
    return printed
  }

  static func minimizing() throws -> [String] {
    var printed = [String]()
    func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }
    // BEGIN MinimizingASwiftFunction
    func rosenbrock(_ x: Variable<Double>) -> Variable<Double> {
      100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2)
    }
    let result = try minimize(rosenbrock, from: [-1.2, 1], method: Newton())
    print(result.status, result.x.map { ($0 * 1e9).rounded() / 1e9 })
    // ---
    let options = SolverOptions<Double>(maxIterations: 100, gradientTolerance: 0)
    let root: (Variable<Double>) -> Variable<Double> = { x in pow(x[0] * x[0] - 2, 2) }
    let sgd = try minimize(root, from: [1], method: SGD(learningRate: 0.01), options: options)
    let momentum = try minimize(
      root, from: [1], method: Momentum(learningRate: 0.01, momentum: 0.9), options: options)
    print(sgd.x[0], momentum.x[0], 2.0.squareRoot())
    // END MinimizingASwiftFunction
    return printed
  }

  static let articles: [(path: String, region: String, run: @Sendable () throws -> [String])] = [
    ("Sources/Autodiff/Autodiff.docc/Gradients.md", "Gradients", gradients),
    (
      "Sources/Solvers/Solvers.docc/MinimizingASwiftFunction.md", "MinimizingASwiftFunction",
      minimizing
    ),
  ]

  @Test(arguments: 0..<2)
  func theSnippetsAreCompiledAndPrintWhatTheTextSays(article: Int) throws {
    let (path, region, run) = Self.articles[article]
    let text = try String(
      contentsOf: SwiftCompiler.packageRoot.appendingPathComponent(path), encoding: .utf8)
    let document = MarkdownSection(document: text)
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    let compiled = try #require(SnippetRegion(source, name: region)).blocks
    #expect(document.swiftBlocks == compiled)
    let printed = try run()
    #expect(printed == document.shownLines)
  }
}
