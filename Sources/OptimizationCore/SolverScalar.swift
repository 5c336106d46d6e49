import Autodiff

/// The precisions an objective is evaluated and a solver runs in: the same as the autodiff
/// core's (Double, Float, Float16).
public typealias SolverScalar = DifferentiableScalar
