import Autodiff

/// A data-fitting residual that is one expression evaluated row by row: r = g(variables, data
/// columns) where g is element-wise, every variable is a scalar and every vector in it is a
/// column of length m (the residual count). Then rᵢ = g(variables, row i), so a minibatch of b
/// rows costs b evaluations of the one-row graph instead of one of the whole residual vector.
struct RowwiseResidual {
  /// rᵢ as a scalar node on the inputs (variables…, column values of row i…).
  let row: Node
  /// The data columns in the order of their inputs after the variables, each of length m.
  let columns: [[Double]]

  /// Nil when the residuals are not of that form (several residual expressions, a vector
  /// variable, a reduction, an index or slice, a vector of another length, …).
  init?(residuals: [Node], variables: [(name: String, shape: Shape)]) {
    guard residuals.count == 1, case .vector(let m) = residuals[0].shape, m > 1,
      variables.allSatisfy({ $0.shape.isScalar })
    else { return nil }
    var columns = [[Double]]()
    guard
      let row = Self.rowNode(
        residuals[0], rows: m, firstColumnInput: variables.count, columns: &columns)
    else { return nil }
    self.row = row
    self.columns = columns
  }

  /// The node for one row: vector constants become scalar inputs, shapes become scalars.
  private static func rowNode(
    _ node: Node, rows m: Int, firstColumnInput: Int, columns: inout [[Double]]
  ) -> Node? {
    switch node {
    case .constant(let t):
      if t.shape.isScalar { return node }
      guard t.shape == .vector(m) else { return nil }
      columns.append(t.elements)
      return .input(firstColumnInput + columns.count - 1, .scalar)
    case .input(_, let shape):
      return shape.isScalar ? node : nil
    case .apply(let op, let operands, let shape):
      guard op.isElementwise, shape.isScalar || shape == .vector(m) else { return nil }
      var rowOperands = [Node]()
      for operand in operands {
        guard
          let rowOperand = rowNode(
            operand, rows: m, firstColumnInput: firstColumnInput, columns: &columns)
        else { return nil }
        rowOperands.append(rowOperand)
      }
      return .apply(op, rowOperands, .scalar)
    }
  }

  /// rᵢ² for one row, the term each row adds to Σ rᵢ².
  var squaredRow: Node { .apply(.power, [row, .constant(Tensor(2))], .scalar) }
}
