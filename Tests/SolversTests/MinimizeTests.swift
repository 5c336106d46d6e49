import Autodiff
import OptimizationCore
import Solvers
import Testing

/// The one-call `minimize` on Swift closures: results, argument checks and the evaluation path.
@Suite struct MinimizeTests {
  /// Rosenbrock's minimum is f(1, 1) = 0 (both squares vanish there, and only there).
  static func rosenbrock<T>(_ x: Variable<T>) -> Variable<T> {
    100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2)
  }

  @Test(arguments: [BFGS() as any Solver, LBFGS(), Newton()])
  func rosenbrockFromTheClassicStart(method: any Solver) throws {
    let result = try minimize(Self.rosenbrock, from: [-1.2, 1], method: method)
    #expect(result.status == .gradientTolerance, "\(result)")
    #expect(result.solver == method.name)
    #expect(result.evaluation == .recorded)
    #expect(abs(result.x[0] - 1) < 1e-6 && abs(result.x[1] - 1) < 1e-6, "\(result.x)")
    #expect(result.f < 1e-12)
  }

  @Test func theDefaultsAreBFGSAndSolverOptions() throws {
    let result = try minimize(Self.rosenbrock, from: [-1.2, 1])
    #expect(result.solver == "bfgs")
    #expect(result.message == "‖∇f‖∞ ≤ 1e-08")
  }

  @Test func runsInFloat() throws {
    let result = try minimize(
      Self.rosenbrock, from: [Float(-1.2), 1], options: SolverOptions(gradientTolerance: 1e-3))
    #expect(result.converged, "\(result)")
    #expect(abs(result.x[0] - 1) < 1e-2 && abs(result.x[1] - 1) < 1e-2)
  }

  /// The reported norm is the one the gradient test uses: ‖∇f‖∞ at x, computed here apart from
  /// the run by reverse mode, and no larger than the tolerance when that test fired.
  @Test func theGradientNormIsTheInfinityNormTheTestUses() throws {
    let options = SolverOptions<Double>(gradientTolerance: 1e-6)
    for method in [BFGS() as any Solver, LBFGS(), Newton(), SteepestDescent()] {
      let result = try minimize(
        Self.rosenbrock, from: [-1.2, 1], method: method,
        options: SolverOptions(maxIterations: 20_000, gradientTolerance: 1e-6))
      let g = gradient(of: Self.rosenbrock, at: result.x)
      let infinityNorm = max(abs(g[0]), abs(g[1]))
      let euclideanNorm = (g[0] * g[0] + g[1] * g[1]).squareRoot()
      // The recorded and the rebuilt gradient may differ in the last bits; the 2-norm does not
      // come as close.
      let error = abs(result.gradientNorm - infinityNorm)
      #expect(error <= 1e-12 * infinityNorm, "\(method.name)")
      #expect(error < abs(euclideanNorm - infinityNorm), "\(method.name)")
      if result.status == .gradientTolerance {
        #expect(result.gradientNorm <= options.gradientTolerance, "\(method.name)")
      }
    }
  }

  // MARK: Bad arguments throw

  @Test func aStartShorterThanTheFunctionReadsThrows() {
    #expect {
      _ = try minimize(Self.rosenbrock, from: [-1.2])
    } throws: { error in
      "\(error)" == "invalid function: the function reads element 1 of an input of 1 elements"
    }
  }

  @Test func anEmptyOrNonFiniteStartThrows() {
    #expect(throws: MinimizeError.self) { try minimize(Self.rosenbrock, from: [Double]()) }
    #expect {
      _ = try minimize(Self.rosenbrock, from: [1, .nan])
    } throws: { "\($0)" == "invalid start: x[1] = nan is not finite" }
  }

  @Test func aNonScalarFunctionThrows() {
    #expect {
      _ = try minimize({ x in x * 2 }, from: [1.0, 2])
    } throws: { "\($0)".hasPrefix("invalid function:") }
  }

  @Test func optionsOutsideTheirDomainThrow() {
    let bad: [(SolverOptions<Double>, String)] = [
      (SolverOptions(maxIterations: -1), "maxIterations is -1, but it must be 0 or more"),
      (
        SolverOptions(gradientTolerance: .nan), "gradientTolerance is nan, but it must be 0 or more"
      ),
      (SolverOptions(fTolerance: -1e-9), "fTolerance is -1e-09, but it must be 0 or more"),
      (
        SolverOptions(timeLimit: 0), "timeLimit is 0.0, but it must be a positive number of seconds"
      ),
      (
        SolverOptions(maxGradientEvaluations: -2),
        "maxGradientEvaluations is -2, but it must be 0 or more"
      ),
      (SolverOptions(traceEvery: 0), "traceEvery is 0, but it must be 1 or more"),
    ]
    for (options, message) in bad {
      #expect {
        _ = try minimize(Self.rosenbrock, from: [-1.2, 1], options: options)
      } throws: { "\($0)" == "invalid options: \(message)" }
    }
  }

  @Test func anObjectiveWithAStartOfAnotherLengthThrows() throws {
    let (objective, _) = try Objective<Double>.recording(Self.rosenbrock, dimension: 2)
    #expect {
      _ = try minimize(objective, from: [-1.2, 1, 0])
    } throws: {
      "\($0)" == "invalid start: the start has 3 values but the objective has 2 variables"
    }
  }

  /// The solvers' own entry point takes the start on trust, but a wrong length ends the run with
  /// a status and a message instead of stopping the process.
  @Test(arguments: [BFGS() as any Solver, LBFGS(), Newton(), SGD(), NelderMead()])
  func aSolverGivenAStartOfAnotherLengthFails(method: any Solver) throws {
    let (objective, _) = try Objective<Double>.recording(Self.rosenbrock, dimension: 2)
    let result = method.minimize(objective, from: [-1.2, 1, 0])
    #expect(result.status == .failed)
    #expect(result.message == "the start has 3 values but the objective has 2 variables")
    #expect(objective.counts == EvaluationCounts())
  }

  // MARK: Recording or rebuilding

  /// f(x) = (x + 1)² for x > 0 and (x + 2)² − 3 otherwise: continuous (both are 1 at 0), with
  /// its minimum f(−2) = −3 on the second branch. A recording made at the start x = 2 would
  /// freeze the first branch and end at −1; the rebuilt graph follows the branch of each point.
  @Test func aFunctionThatBranchesOnAValueIsRebuiltAtEveryPoint() throws {
    let branching: (Variable<Double>) -> Variable<Double> = { x in
      let t = x[0]
      return t.scalar > 0 ? (t + 1) * (t + 1) : (t + 2) * (t + 2) - 3
    }
    let result = try minimize(branching, from: [2])
    guard case .rebuiltAtEveryPoint(let reason) = result.evaluation else {
      Issue.record("recorded a function that branches on x: \(result.evaluation)")
      return
    }
    #expect(reason.contains("reads the value of a variable computed from its input"))
    #expect(abs(result.x[0] + 2) < 1e-6, "\(result)")
    #expect(abs(result.f + 3) < 1e-10)
  }

  @Test func theRebuiltPathGivesTheRecordedDerivatives() throws {
    // Reading a value makes Rosenbrock take the rebuilt path; its derivatives must not change.
    let (recorded, _) = try Objective<Double>.recording(Self.rosenbrock, dimension: 2)
    let (rebuilt, evaluation) = try Objective<Double>.recording(
      { x in
        _ = x[0].scalar
        return Self.rosenbrock(x)
      }, dimension: 2)
    #expect(evaluation != .recorded)
    let x = [0.3, -0.7]
    var g1 = [Double](), g2 = [Double](), h1 = [Double](), h2 = [Double]()
    var hv1 = [Double](), hv2 = [Double]()
    let f1 = try recorded.gradient(x, into: &g1)
    let f2 = try rebuilt.gradient(x, into: &g2)
    try recorded.hessian(x, into: &h1)
    try rebuilt.hessian(x, into: &h2)
    try recorded.hessianVector(x, [1, 2], into: &hv1)
    try rebuilt.hessianVector(x, [1, 2], into: &hv2)
    let first = [try recorded.value(x), f1] + g1 + h1 + hv1
    let second = [try rebuilt.value(x), f2] + g2 + h2 + hv2
    #expect(first.count == 2 + 2 + 4 + 2 && second.count == first.count)
    for (a, b) in zip(first, second) { #expect(abs(a - b) <= 1e-12 * max(1, abs(a))) }
  }

  // MARK: Options and defaults

  @Test func theInitializerDefaultsAreThoseOfSolverOptions() {
    let plain = SolverOptions<Double>()
    let filled = SolverOptions<Double>(seed: 0)
    #expect(plain.maxIterations == filled.maxIterations)
    #expect(plain.gradientTolerance == filled.gradientTolerance)
    #expect(plain.fTolerance == filled.fTolerance)
    #expect(plain.xTolerance == filled.xTolerance)
    #expect(plain.timeLimit == filled.timeLimit)
    #expect(plain.maxFunctionEvaluations == filled.maxFunctionEvaluations)
    #expect(plain.maxGradientEvaluations == filled.maxGradientEvaluations)
    #expect(plain.maxHessianEvaluations == filled.maxHessianEvaluations)
    #expect(plain.traceEvery == filled.traceEvery)
    #expect(plain.traceCoordinateLimit == filled.traceCoordinateLimit)
    #expect(plain.divergenceThreshold == filled.divergenceThreshold)
    #expect(plain.callback == nil && filled.callback == nil)
  }

  @Test func theInitializerSetsWhatItIsGiven() {
    let options = SolverOptions<Float>(
      maxIterations: 7, gradientTolerance: 1e-3, fTolerance: 1e-4, xTolerance: 1e-5,
      timeLimit: 2, maxFunctionEvaluations: 10, maxGradientEvaluations: 11,
      maxHessianEvaluations: 12, traceEvery: 3, traceCoordinateLimit: 4,
      divergenceThreshold: 1e6, seed: 9)
    #expect(options.maxIterations == 7 && options.gradientTolerance == 1e-3)
    #expect(options.fTolerance == 1e-4 && options.xTolerance == 1e-5 && options.timeLimit == 2)
    #expect(options.maxFunctionEvaluations == 10 && options.maxGradientEvaluations == 11)
    #expect(options.maxHessianEvaluations == 12 && options.traceEvery == 3)
    #expect(options.traceCoordinateLimit == 4 && options.divergenceThreshold == 1e6)
    #expect(options.seed == 9)
  }

  @Test func aSolverWithoutOptionsUsesTheDefaults() throws {
    let (objective, _) = try Objective<Double>.recording(Self.rosenbrock, dimension: 2)
    let plain = BFGS().minimize(objective, from: [-1.2, 1])
    let explicit = BFGS().minimize(objective, from: [-1.2, 1], options: SolverOptions())
    #expect(plain.x == explicit.x && plain.iterations == explicit.iterations)
    #expect(plain.message == "‖∇f‖∞ ≤ 1e-08")
  }
}

@Suite struct MinimizeManyTests {
  @Test func methodsOfDifferentTypesRunInOneCall() throws {
    let runs = try minimize(
      MinimizeTests.rosenbrock, from: [-1.2, 1], methods: BFGS(), LBFGS(), Newton())
    #expect(runs.map(\.solver) == ["bfgs", "lbfgs", "newton"])
    for run in runs { #expect(abs(run.x[0] - 1) < 1e-6 && abs(run.x[1] - 1) < 1e-6) }
  }
}
