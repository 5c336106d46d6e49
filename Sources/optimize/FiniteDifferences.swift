import Foundation
import Solvers

/// Central finite differences of f alone, independent of the autodiff core's derivatives:
/// steps of ε^(1/3)·max(1, |xᵢ|) for the gradient and ε^(1/4)·max(1, |xᵢ|) for the Hessian,
/// which balance truncation against rounding error for each formula.
struct FiniteDifferences {
  let objective: Objective<Double>

  init(objective: Objective<Double>) { self.objective = objective }

  func gradient(at x: [Double]) throws -> [Double] {
    try x.indices.map { i in
      let h = Self.step(x[i], power: 1.0 / 3.0)
      var plus = x
      var minus = x
      plus[i] += h
      minus[i] -= h
      return (try objective.value(plus) - objective.value(minus)) / (plus[i] - minus[i])
    }
  }

  func hessian(at x: [Double]) throws -> [[Double]] {
    let n = x.count
    let f0 = try objective.value(x)
    var result = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
      let hi = Self.step(x[i], power: 0.25)
      var plus = x
      var minus = x
      plus[i] += hi
      minus[i] -= hi
      result[i][i] = (try objective.value(plus) - 2 * f0 + objective.value(minus)) / (hi * hi)
      for j in 0..<i {
        let hj = Self.step(x[j], power: 0.25)
        func f(_ si: Double, _ sj: Double) throws -> Double {
          var p = x
          p[i] += si * hi
          p[j] += sj * hj
          return try objective.value(p)
        }
        let value = (try f(1, 1) - f(1, -1) - f(-1, 1) + f(-1, -1)) / (4 * hi * hj)
        result[i][j] = value
        result[j][i] = value
      }
    }
    return result
  }

  private static func step(_ x: Double, power: Double) -> Double {
    let h = pow(Double.ulpOfOne, power) * max(1, Swift.abs(x))
    // Make x + h exactly representable so the divisor is the true step.
    return (x + h) - x
  }
}
