import Autodiff

/// Builds the objective of a residual problem as one would by hand: Σₖ sum(rₖ²) scaled by the
/// loss, without concatenating the residual expressions first.
enum ResidualLoss {
  static func objective(_ residuals: [Node], _ loss: Loss) -> Node {
    let count = residuals.reduce(0) { $0 + $1.shape.count }
    var total: Node?
    for r in residuals {
      let square = Node.apply(.power, [r, .constant(Tensor(2))], r.shape)
      let term = r.shape.isScalar ? square : .apply(.sum, [square], .scalar)
      total = total.map { .apply(.add, [$0, term], .scalar) } ?? term
    }
    let scale = loss.scale(count: count)
    guard let total else { return .constant(Tensor(0)) }
    return scale == 1 ? total : .apply(.multiply, [.constant(Tensor(scale)), total], .scalar)
  }

  /// Σᵢ wᵢ rᵢ² with the weights w as an extra vector input after the variables: the minibatch
  /// loss when w holds each sampled row's multiplicity times the loss scale.
  static func weighted(_ residuals: [Node], weightInput: Int) -> Node {
    let r = concatenated(residuals)
    let square = Node.apply(.power, [r, .constant(Tensor(2))], r.shape)
    let weights = Node.input(weightInput, r.shape)
    return .apply(.sum, [.apply(.multiply, [weights, square], r.shape)], .scalar)
  }

  /// wᵀr with w an extra vector input after the variables: its gradient with respect to the
  /// variables at w = eᵢ is row i of the residual Jacobian.
  static func projection(_ residuals: [Node], weightInput: Int) -> Node {
    let r = concatenated(residuals)
    let weights = Node.input(weightInput, r.shape)
    return .apply(.sum, [.apply(.multiply, [weights, r], r.shape)], .scalar)
  }

  /// All residual elements as one vector.
  static func concatenated(_ residuals: [Node]) -> Node {
    let count = residuals.reduce(0) { $0 + $1.shape.count }
    if residuals.count == 1, case .vector = residuals[0].shape { return residuals[0] }
    return .apply(.concat, residuals, .vector(count))
  }
}
