/// The functional interface: derivatives returned as values, no `.grad` touched.

/// The gradients of `output` with respect to each of `inputs` (leaves or intermediates), like
/// PyTorch's `torch.autograd.grad`. Visits only the part of the graph between the output and the
/// inputs and leaves every `.grad` as it was, so calling it twice gives the same answer.
///
/// - Parameters:
///   - output: the variable to differentiate.
///   - inputs: the variables (leaves or intermediates) to differentiate with respect to.
///   - seed: the vector v of vᵀJ, of the output's shape; may be omitted for a scalar output.
///   - createGraph: record the pass, so the results can be differentiated again.
///   - allowUnused: give zeros for an input the output does not depend on, instead of throwing.
/// - Throws: `GradientError` for a missing or misshapen seed, or an input the output does not
///   depend on (named) when `allowUnused` is false.
public func grad<T>(
  of output: Variable<T>, wrt inputs: [Variable<T>], seed: Tensor<T>? = nil,
  createGraph: Bool = false, allowUnused: Bool = false
) throws(GradientError) -> [Variable<T>] {
  let seedTensor = try output.seedTensor(seed, calledFrom: "grad(of:wrt:)")
  let targets = Set(inputs.map(ObjectIdentifier.init))
  var found = [ObjectIdentifier: Variable<T>]()
  if output.requiresGrad || targets.contains(ObjectIdentifier(output)) {
    let relevant = relevantNodes(from: output, reaching: targets)
    Variable.propagate(
      from: output, seed: seedTensor, createGraph: createGraph,
      needs: { relevant.contains(ObjectIdentifier($0)) },
      visits: { targets.contains(ObjectIdentifier($0)) },
      visit: { node, g in
        if targets.contains(ObjectIdentifier(node)) { found[ObjectIdentifier(node)] = g.variable }
      })
  }
  return try inputs.enumerated().map { (i, input) throws(GradientError) in
    if let g = found[ObjectIdentifier(input)] { return g }
    guard allowUnused else {
      let label = input.name.map { "'\($0)'" } ?? "at position \(i)"
      throw GradientError(
        "grad(of:wrt:): the output does not depend on the input \(label) (\(input.shape)"
          + "\(input.requiresGrad ? "" : ", which does not require a gradient")); "
          + "pass allowUnused: true to get zeros")
    }
    return Variable(Tensor(repeating: 0, shape: input.shape))
  }
}

/// The nodes from which some target can be reached going towards the leaves: the subgraph
/// between `output` and the targets.
private func relevantNodes<T>(from output: Variable<T>, reaching targets: Set<ObjectIdentifier>)
  -> Set<ObjectIdentifier>
{
  var relevant = Set<ObjectIdentifier>()
  // Reverse topological order lists consumers first, so walking it backwards sees every input
  // before the nodes that consume it.
  for node in Variable.reverseTopologicalOrder(from: output).reversed() {
    let id = ObjectIdentifier(node)
    let operands = node.operands
    let feedsATarget = (0..<operands.count).contains { i in
      operands.variable(at: i).map { relevant.contains(ObjectIdentifier($0)) } ?? false
    }
    if targets.contains(id) || feedsATarget { relevant.insert(id) }
  }
  return relevant
}

// MARK: Derivatives of functions of a vector

/// Evaluates `f` at a fresh leaf holding `x`, with recording on even inside `withoutGrad`.
private func recorded<T>(_ f: (Variable<T>) -> Variable<T>, at x: [T]) -> (
  input: Variable<T>, output: Variable<T>
) {
  let input = Variable(Tensor(x), requiresGrad: true, name: "x")
  let output = GradMode.$isEnabled.withValue(true) { f(input) }
  return (input, output)
}

/// `grad` for callers whose requests are valid by construction (seed shapes and `allowUnused`).
private func differentiate<T>(
  _ output: Variable<T>, _ input: Variable<T>, seed: Tensor<T>? = nil, createGraph: Bool = false
) -> Variable<T> {
  do {
    return try grad(
      of: output, wrt: [input], seed: seed, createGraph: createGraph, allowUnused: true)[0]
  } catch {
    preconditionFailure(error.description)
  }
}

private func requireScalar<T>(_ y: Variable<T>, _ caller: String) {
  precondition(y.shape.isScalar, "\(caller): the function must return a scalar, not a \(y.shape)")
}

/// f(x) and ∇f(x) of a scalar function of a vector, by one reverse pass.
public func valueAndGradient<T>(of f: (Variable<T>) -> Variable<T>, at x: [T]) -> (
  value: T, gradient: [T]
) {
  let (input, y) = recorded(f, at: x)
  requireScalar(y, "valueAndGradient(of:at:)")
  return (y.scalar, differentiate(y, input).value.elements)
}

/// ∇f(x) of a scalar function of a vector.
public func gradient<T>(of f: (Variable<T>) -> Variable<T>, at x: [T]) -> [T] {
  valueAndGradient(of: f, at: x).gradient
}

/// The n×n Hessian of a scalar function of a vector: the gradient is recorded
/// (`createGraph: true`) and each of its n components differentiated again.
public func hessian<T>(of f: (Variable<T>) -> Variable<T>, at x: [T]) -> [[T]] {
  let (input, y) = recorded(f, at: x)
  requireScalar(y, "hessian(of:at:)")
  let g = differentiate(y, input, createGraph: true)
  return (0..<x.count).map { i in
    var seed = [T](repeating: 0, count: x.count)
    seed[i] = 1
    return differentiate(g, input, seed: Tensor(seed)).value.elements
  }
}

/// H(x)·v without forming H: the gradient of ⟨∇f(x), v⟩, two reverse passes.
public func hessianVectorProduct<T>(of f: (Variable<T>) -> Variable<T>, at x: [T], along v: [T])
  -> [T]
{
  precondition(v.count == x.count, "hessianVectorProduct: v has \(v.count) elements, x \(x.count)")
  let (input, y) = recorded(f, at: x)
  requireScalar(y, "hessianVectorProduct(of:at:along:)")
  let g = differentiate(y, input, createGraph: true)
  return differentiate(g, input, seed: Tensor(v)).value.elements
}

/// The m×n Jacobian of a function of a vector (a scalar result counts as m = 1), one reverse
/// pass per row.
public func jacobian<T>(of f: (Variable<T>) -> Variable<T>, at x: [T]) -> [[T]] {
  let (input, y) = recorded(f, at: x)
  let m = y.shape.count
  return (0..<m).map { i in
    var seed = Tensor<T>(repeating: 0, shape: y.shape)
    seed.elements[i] = 1
    return differentiate(y, input, seed: seed).value.elements
  }
}

/// The `order`-th derivative of a scalar function of a scalar, by differentiating `order` times
/// (each pass recorded for the next).
public func derivative<T>(of f: (Variable<T>) -> Variable<T>, at x: T, order: Int = 1) -> T {
  precondition(order >= 0, "derivative(of:at:order:): order \(order) is negative")
  let input = Variable(x, requiresGrad: true, name: "x")
  var d = GradMode.$isEnabled.withValue(true) { f(input) }
  requireScalar(d, "derivative(of:at:order:)")
  for _ in 0..<order {
    d = differentiate(d, input, createGraph: true)
  }
  return d.scalar
}
