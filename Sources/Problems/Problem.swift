import Autodiff
import Foundation

/// A loaded problem: every name resolved and every shape checked. Immutable after loading.
public final class Problem: @unchecked Sendable {
  /// The file stem (`goldstein`) or the name given to `ProblemCatalog.load(toml:name:…)`.
  public let name: String
  public let title: String
  /// The `description` key.
  public let summary: String?
  /// The unknowns in declaration order.
  public let variables: [(name: String, shape: Shape)]
  /// Number of scalar unknowns.
  public let dimension: Int
  /// One per scalar unknown, flattened in order: `x`, `y` or `x[0]`, `x[1]`, ….
  public let coordinateNames: [String]
  public let start: [Double]
  public let minimum: KnownPoint?
  public let localMinima: [KnownPoint]
  /// Present only for problems with exactly two scalar unknowns.
  public let plot: PlotSettings?
  /// After overrides.
  public let parameters: [String: Double]
  public let isResidual: Bool
  /// Number of residual elements; 0 for an `objective` problem.
  public let residualCount: Int
  /// The box of `[bounds]`, nil when the file gives none (or one that bounds nothing).
  public let bounds: VariableBounds?

  let objectiveNode: Node
  let residualNodes: [Node]
  /// The same expressions flattened, for define-by-run evaluation.
  let objectiveSteps: FlatExpression
  let residualSteps: [FlatExpression]
  let loss: Loss?
  /// Guards `compiledCache`, filled lazily once per precision.
  let cacheLock = NSLock()
  var compiledCache: [CacheKey: Any] = [:]

  init(
    name: String, title: String, summary: String?, variables: [(name: String, shape: Shape)],
    start: [Double], minimum: KnownPoint?, localMinima: [KnownPoint], plot: PlotSettings?,
    parameters: [String: Double], objective: Node, residuals: [Node], loss: Loss?,
    bounds: VariableBounds? = nil
  ) {
    self.name = name
    self.title = title
    self.summary = summary
    self.variables = variables
    self.dimension = variables.reduce(0) { $0 + $1.shape.count }
    self.coordinateNames = variables.flatMap { v in
      v.shape.isScalar ? [v.name] : (0..<v.shape.count).map { "\(v.name)[\($0)]" }
    }
    self.start = start
    self.minimum = minimum
    self.localMinima = localMinima
    self.plot = plot
    self.parameters = parameters
    self.objectiveNode = objective
    self.residualNodes = residuals
    self.objectiveSteps = FlatExpression(objective)
    self.residualSteps = residuals.map(FlatExpression.init)
    self.loss = loss
    self.isResidual = loss != nil
    self.residualCount = residuals.reduce(0) { $0 + $1.shape.count }
    self.bounds = bounds
  }

  /// Define-by-run: builds the objective on the given input variables (one per declared
  /// variable, of the declared shapes).
  @_specialize(where T == Double)
  public func objective<T: DifferentiableScalar>(on inputs: [Variable<T>]) -> Variable<T> {
    precondition(inputs.count == variables.count, "\(name) takes \(variables.count) inputs")
    return objectiveSteps.lowered(on: inputs)
  }

  /// The residual vector r, concatenated, built on the given inputs.
  @_specialize(where T == Double)
  public func residuals<T: DifferentiableScalar>(on inputs: [Variable<T>]) -> Variable<T> {
    precondition(inputs.count == variables.count, "\(name) takes \(variables.count) inputs")
    let parts = residualSteps.map { $0.lowered(on: inputs) }
    if parts.count == 1, case .vector = parts[0].shape { return parts[0] }
    return concat(parts)
  }

  /// Splits a flat point into one constant per declared variable.
  func split<T: DifferentiableScalar>(_ x: [T], requiresGrad: Bool = false) -> [Variable<T>] {
    precondition(x.count == dimension, "\(name) has \(dimension) unknowns, given \(x.count)")
    var offset = 0
    return variables.map { v in
      let n = v.shape.count
      defer { offset += n }
      let t =
        v.shape.isScalar
        ? Tensor(x[offset]) : Tensor(shape: v.shape, elements: Array(x[offset..<offset + n]))
      return Variable(t, requiresGrad: requiresGrad, name: v.name)
    }
  }

  /// The objective at a flat point, in Double.
  public func value(at x: [Double]) -> Double {
    withoutGrad { objective(on: split(x)).scalar }
  }

  /// The residual vector at a flat point (empty for an `objective` problem).
  public func residuals(at x: [Double]) -> [Double] {
    guard isResidual else { return [] }
    return withoutGrad { residuals(on: split(x)).value.elements }
  }
}

/// A compiled function's place in a problem's cache: what it computes, in which precision.
struct CacheKey: Hashable {
  let name: String
  let precision: ObjectIdentifier
}
