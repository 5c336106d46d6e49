/// The least-squares form of an objective, f(x) = scale · Σᵢ rᵢ(x)², with the residuals r ∈ ℝᵐ and
/// their m×n Jacobian: what Gauss–Newton and Levenberg–Marquardt (ours and GSL's) work with.
public struct ResidualForm<T: SolverScalar> {
  /// Writes r(x) (m values) into its second argument.
  public typealias Residuals = ([T], inout [T]) -> Void
  /// Writes the m×n Jacobian ∂rᵢ/∂xⱼ, row-major, into its second argument.
  public typealias Jacobian = ([T], inout [T]) -> Void

  /// m, the number of residuals.
  public let count: Int
  /// The factor in front of Σ rᵢ² (1 for `sum`, ½ for `half`, 1/m for `mean`).
  public let scale: T
  let residuals: Residuals
  let jacobian: Jacobian
  /// How the Jacobian is computed, for messages and documentation ("reverse: m gradients").
  public let jacobianMethod: String

  public init(
    count: Int, scale: T, jacobianMethod: String, residuals: @escaping Residuals,
    jacobian: @escaping Jacobian
  ) {
    self.count = count
    self.scale = scale
    self.jacobianMethod = jacobianMethod
    self.residuals = residuals
    self.jacobian = jacobian
  }
}
