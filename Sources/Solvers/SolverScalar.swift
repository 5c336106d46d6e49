@_exported import Autodiff

/// The precisions a solver runs in: the same as the autodiff core's (Double, Float, Float16).
public typealias SolverScalar = DifferentiableScalar
