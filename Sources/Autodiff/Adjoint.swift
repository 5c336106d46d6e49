/// A gradient travelling through the backward pass: plain values when the pass is not recorded
/// (no node is made for it), or a variable of the recorded pass (`createGraph: true`).
enum Adjoint<T: DifferentiableScalar> {
  case value(Tensor<T>)
  case recorded(Variable<T>)

  /// The gradient as a variable: a constant for a plain value.
  var variable: Variable<T> {
    switch self {
    case .value(let t): return Variable(t)
    case .recorded(let v): return v
    }
  }

}
