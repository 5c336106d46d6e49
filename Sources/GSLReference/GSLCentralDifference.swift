import CGSL

/// A gradient estimated by GSL's adaptive central difference, with GSL's error estimates.
public struct GSLGradientEstimate: Sendable {
  /// ∂f/∂xᵢ for each i.
  public var gradient: [Double]
  /// GSL's estimate of the absolute error of each component (`abserr`).
  public var absoluteErrors: [Double]
}

/// ∇f(x) by `gsl_deriv_central`, one coordinate at a time: an estimate independent of any
/// automatic differentiation, for checking gradients. GSL takes `h` as a first guess and
/// rescales it to balance truncation against round-off; the default, 1e-3 · max(1, |xᵢ|), is
/// near the optimum for its 5-point rule (about ε^(1/5) relative).
public func centralGradient(
  _ f: ([Double]) -> Double, at x: [Double], step: ((Double) -> Double)? = nil
) -> GSLGradientEstimate {
  GSLErrors.disableAbortingHandler()
  return withoutActuallyEscaping(f) { f in
    let line = GSLCoordinateLine(f: f, point: x)
    var gradient = [Double](repeating: .nan, count: x.count)
    var errors = [Double](repeating: .nan, count: x.count)
    withExtendedLifetime(line) {
      var function = gsl_function()
      function.params = Unmanaged.passUnretained(line).toOpaque()
      function.function = { t, params in
        Unmanaged<GSLCoordinateLine>.fromOpaque(params!).takeUnretainedValue().value(at: t)
      }
      for i in x.indices {
        line.coordinate = i
        let h = step?(x[i]) ?? 1e-3 * Swift.max(1, Swift.abs(x[i]))
        var result = Double.nan
        var error = Double.nan
        // gsl_deriv_central only fails for a non-finite f, which leaves the NaNs in place.
        if gsl_deriv_central(&function, x[i], h, &result, &error) == GSL_SUCCESS {
          gradient[i] = result
          errors[i] = error
        }
      }
    }
    return GSLGradientEstimate(gradient: gradient, absoluteErrors: errors)
  }
}

/// f restricted to the line through `point` along one coordinate, for GSL's scalar callback.
private final class GSLCoordinateLine {
  let f: ([Double]) -> Double
  var point: [Double]
  var coordinate = 0

  init(f: @escaping ([Double]) -> Double, point: [Double]) {
    self.f = f
    self.point = point
  }

  func value(at t: Double) -> Double {
    let saved = point[coordinate]
    point[coordinate] = t
    defer { point[coordinate] = saved }
    return f(point)
  }
}
