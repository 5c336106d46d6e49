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
  @_specialize(where T == Float)
  public func backward(gradient: Tensor<T>? = nil, createGraph: Bool = false) throws(GradientError)
  {
    guard requiresGrad else {
      throw GradientError(
        "backward() on a value that does not require a gradient: none of its inputs has "
          + "requiresGrad, or it was computed inside withoutGrad")
    }
    let seed = try seedTensor(gradient, calledFrom: "backward()")
    let order = Self.reverseTopologicalOrder(from: self)
    Self.propagate(order, seed: seed, createGraph: createGraph, needs: { $0.requiresGrad }) {
      node, g in
      guard (node.isLeaf && node.requiresGrad) || node.retainsGrad else { return }
      let accumulated = node.grad.map { $0 + g } ?? g
      node.grad = accumulated
    }
  }

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
      if next < node.inputs.count {
        stack[stack.count - 1].next += 1
        let input = node.inputs[next]
        if input.requiresGrad && visited.insert(ObjectIdentifier(input)).inserted {
          stack.append((input, 0))
        }
      } else {
        stack.removeLast()
        postorder.append(node)
      }
    }
    return postorder.reversed()
  }

  /// Runs the backward rules over `order` (output first), starting from `seed`, passing each
  /// node's complete gradient to `visit` before its inputs are reached. Only inputs for which
  /// `needs` is true receive gradients. Records the pass when `createGraph` is true.
  static func propagate(
    _ order: [Variable<T>], seed: Tensor<T>, createGraph: Bool,
    needs: (Variable<T>) -> Bool, visit: (Variable<T>, Variable<T>) -> Void
  ) {
    guard let root = order.first else { return }
    GradMode.$isEnabled.withValue(createGraph) {
      var pending: [ObjectIdentifier: Variable<T>] = [ObjectIdentifier(root): Variable(seed)]
      for node in order {
        // Removing the entry frees each intermediate gradient as soon as it has been used.
        guard let g = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
        visit(node, g)
        let gradients = node.inputGradients(g, needs: needs)
        for (input, gradient) in zip(node.inputs, gradients) {
          guard let gradient else { continue }
          let key = ObjectIdentifier(input)
          pending[key] = pending[key].map { $0 + gradient } ?? gradient
        }
      }
    }
  }
}
