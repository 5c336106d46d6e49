import Autodiff
import OptimizationCore
import Solvers

/// GSL's minimizers by their stable command-line names.
public enum GSLCatalog {
  /// Every GSL solver name, gradient methods first, then the simplex, then least squares.
  public static var names: [String] {
    GSLGradientMethod.allCases.map(\.name) + [GSLSimplexMinimizer().name]
      + GSLLeastSquaresMethod.allCases.map(\.name)
  }

  /// GSL's minimizers, which run on every problem (not the least-squares methods).
  public static var minimizerNames: [String] {
    GSLGradientMethod.allCases.map(\.name) + [GSLSimplexMinimizer().name]
  }

  /// Every GSL solver with default settings.
  public static var all: [any Solver] {
    GSLGradientMethod.allCases.map { GSLGradientMinimizer($0) } + [GSLSimplexMinimizer()]
      + GSLLeastSquaresMethod.allCases.map { GSLLeastSquaresSolver($0) }
  }

  /// The solver called `name`, configured with `settings`; throws `GSLCatalogError` for an
  /// unknown name or a bad setting.
  public static func make(_ name: String, settings: GSLSettings = GSLSettings()) throws
    -> any Solver
  {
    guard names.contains(name) else {
      throw GSLCatalogError(
        description: "unknown GSL solver '\(name)'; known: \(names.joined(separator: ", "))")
    }
    do {
      try settings.validate()
    } catch {
      throw GSLCatalogError(description: "\(name): \(error.description)")
    }
    if let method = GSLGradientMethod(rawValue: name) {
      return GSLGradientMinimizer(method, settings: settings)
    }
    if let method = GSLLeastSquaresMethod(rawValue: name) { return GSLLeastSquaresSolver(method) }
    return GSLSimplexMinimizer(settings: settings)
  }
}

/// A GSL solver that cannot be made, with the reason.
public struct GSLCatalogError: Error, Sendable, CustomStringConvertible {
  public let description: String
}
