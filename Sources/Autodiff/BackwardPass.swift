/// A request for derivatives that cannot be answered: no seed for a non-scalar output, a seed of
/// the wrong shape, or an input the output does not depend on.
public struct GradientError: Error, CustomStringConvertible, Sendable {
  public let description: String
  init(_ description: String) { self.description = description }
}

extension Variable {
  /// Reverse-mode differentiation: adds ∂self/∂leaf to `.grad` of every leaf that requires a
  /// gradient, and of every intermediate that called `retainGrad()`. Gradients accumulate across
  /// calls until `clearGrad()`.
  ///
  /// - Parameters:
  ///   - gradient: the seed v, of this variable's shape; the pass computes vᵀJ. May be omitted
  ///     only for a scalar, where it is 1.
  ///   - createGraph: record the backward pass itself, so the gradients can be differentiated
  ///     again. A leaf's `.grad` then refers to a graph containing the leaf: call `clearGrad()`
  ///     to release it.
  @_specialize(where T == Double)
  public func backward(gradient: Tensor<T>? = nil, createGraph: Bool = false) throws(GradientError)
  {
    // Only a call here: a local Tensor in this entry made it look up type metadata at every
    // call from another module, before dispatching to the specialisation.
    try runBackward(gradient: gradient, createGraph: createGraph)
  }

  @_specialize(where T == Double)
  private func runBackward(gradient: Tensor<T>?, createGraph: Bool) throws(GradientError) {
    guard requiresGrad else {
      throw GradientError(
        "backward() on a value that does not require a gradient: none of its inputs has "
          + "requiresGrad, or it was computed inside withoutGrad")
    }
    let seed = try seedTensor(gradient, calledFrom: "backward()")
    // The closures stay generic even in the specialised pass: their work is done by
    // specialised methods, or the gradient would be handled through type metadata at every node.
    Self.propagate(
      from: self, seed: seed, createGraph: createGraph, needs: nil,
      visits: { $0.keepsGradient }, visit: { node, g in node.keep(g) })
  }

  /// Adds `g` to `.grad` when this node keeps its gradient: a leaf that requires one, or an
  /// intermediate that asked with `retainGrad()`.
  @_specialize(where T == Double)
  func keep(_ g: Adjoint<T>) {
    guard keepsGradient else { return }
    switch g {
    case .value(let t):
      grad = Variable(grad.map { $0.value.adding(t) } ?? t)
    case .recorded(let v):
      grad = grad.map { $0 + v } ?? v
    }
  }

  /// Whether `backward()` keeps this node's gradient in `.grad`.
  var keepsGradient: Bool { (isLeaf && requiresGrad) || retainsGrad }

  /// The seed for a pass from this variable: `gradient`, checked, or 1 for a scalar.
  func seedTensor(_ gradient: Tensor<T>?, calledFrom caller: String) throws(GradientError)
    -> Tensor<T>
  {
    guard let gradient else {
      guard shape.isScalar else {
        throw GradientError(
          "\(caller) of a \(shape) needs a seed gradient of that shape (vᵀJ is computed); "
            + "pass gradient: for a non-scalar output")
      }
      return Tensor(1)
    }
    guard gradient.shape == shape else {
      throw GradientError(
        "\(caller): the seed gradient is a \(gradient.shape) but the output is a \(shape)")
    }
    return gradient
  }

  /// Every node reachable from `root` through nodes that require a gradient, each after all of
  /// its consumers (so each backward rule runs once, with its gradient complete). Iterative
  /// depth-first search, so deep graphs do not exhaust the stack.
  static func reverseTopologicalOrder(from root: Variable<T>) -> [Variable<T>] {
    var postorder = [Variable<T>]()
    var visited = Set<ObjectIdentifier>()
    var stack: [(node: Variable<T>, next: Int)] = [(root, 0)]
    visited.insert(ObjectIdentifier(root))
    while let (node, next) = stack.last {
      if next < node.operands.count {
        stack[stack.count - 1].next += 1
        if let input = node.operands.variable(at: next), input.requiresGrad,
          visited.insert(ObjectIdentifier(input)).inserted
        {
          stack.append((input, 0))
        }
      } else {
        stack.removeLast()
        postorder.append(node)
      }
    }
    return postorder.reversed()
  }

  /// Runs the backward rules from `root`, starting from `seed`, passing each node's complete
  /// gradient to `visit` before its inputs are reached, if `visits` says the node wants it. Only
  /// inputs for which `needs` is true receive gradients; with `needs` nil, those that require
  /// one. Records the pass when `createGraph` is
  /// true; otherwise gradients are plain numbers and tensors and no node is made for them.
  static func propagate(
    from root: Variable<T>, seed: Tensor<T>, createGraph: Bool,
    needs: ((Variable<T>) -> Bool)?, visits: (Variable<T>) -> Bool,
    visit: (Variable<T>, Adjoint<T>) -> Void
  ) {
    var pass = BackwardWalk<T>(from: root, recorded: createGraph)
    if createGraph {
      pass.deliver(.recorded(Variable(seed)), to: root)
      GradMode.$isEnabled.withValue(true) {
        pass.walk { node, pass in
          runRule(of: node, &pass, needs: needs, visits: visits, visit: visit)
        }
      }
    } else {
      pass.deliver(.value(seed), to: root)
      pass.walk { node, pass in
        runRule(of: node, &pass, needs: needs, visits: visits, visit: visit)
      }
    }
  }

  /// Hands `node`'s complete gradient, if one reached it, to `visit` and its inputs' gradients
  /// to the pass.
  private static func runRule(
    of node: Variable<T>, _ pass: inout BackwardWalk<T>, needs: ((Variable<T>) -> Bool)?,
    visits: (Variable<T>) -> Bool, visit: (Variable<T>, Adjoint<T>) -> Void
  ) {
    if pass.holdsScalar(node) {
      guard let g = pass.scalarGradient(of: node) else { return }
      if visits(node) { visit(node, .value(Tensor(g))) }
      guard let op = node.op else { return }
      if case .index(let i) = op, case .one(let vector) = node.operands, !vector.shape.isScalar {
        if needs?(vector) ?? vector.requiresGrad { pass.deliver(g, toElement: i, of: vector) }
        return
      }
      let delivered = node.deliverScalarInputGradients(g, to: &pass, needs: needs)
      if !delivered { runGeneralRule(node, .value(Tensor(g)), &pass, needs: needs) }
    } else {
      guard let g = pass.takeGradient(of: node) else { return }
      if visits(node) { visit(node, g) }
      guard node.op != nil else { return }
      runGeneralRule(node, g, &pass, needs: needs)
    }
  }

  /// Passes the gradients of `node`'s inputs, by the rules of Backward.swift, to the pass.
  private static func runGeneralRule(
    _ node: Variable<T>, _ g: Adjoint<T>, _ pass: inout BackwardWalk<T>,
    needs: ((Variable<T>) -> Bool)?
  ) {
    let needs = needs ?? { $0.requiresGrad }
    switch g {
    case .value(let t):
      let gradients = withoutGrad { node.inputGradients(Variable(t), needs: needs) }
      let inputs = node.inputs
      for (i, gradient) in gradients.enumerated() {
        if let gradient { pass.deliver(.value(gradient.value), to: inputs[i]) }
      }
    case .recorded(let v):
      let gradients = node.inputGradients(v, needs: needs)
      let inputs = node.inputs
      for (i, gradient) in gradients.enumerated() {
        if let gradient { pass.deliver(.recorded(gradient), to: inputs[i]) }
      }
    }
  }
}
