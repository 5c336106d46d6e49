import Autodiff

/// True when `actual` is within `tolerance` of `expected`, relative to max(1, |expected|).
func isClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
  if expected.isNaN { return actual.isNaN }
  if expected.isInfinite { return actual == expected }
  return Swift.abs(actual - expected) <= tolerance * Swift.max(1, Swift.abs(expected))
}

func isClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12) -> Bool {
  actual.count == expected.count
    && zip(actual, expected).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

func isClose(_ actual: [[Double]], _ expected: [[Double]], tolerance: Double = 1e-12) -> Bool {
  actual.count == expected.count
    && zip(actual, expected).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

/// A leaf that requires a gradient.
func input(_ x: Double, _ name: String? = nil) -> Variable<Double> {
  Variable(x, requiresGrad: true, name: name)
}

func input(_ x: [Double], _ name: String? = nil) -> Variable<Double> {
  Variable(x, requiresGrad: true, name: name)
}

/// The elements of a leaf's accumulated gradient (empty when there is none).
func gradientElements(_ v: Variable<Double>) -> [Double] {
  v.grad?.value.elements ?? []
}

/// d f/dx at x by `backward()` on f of a fresh scalar leaf.
func backwardDerivative(_ f: (Variable<Double>) -> Variable<Double>, at x: Double) throws
  -> Double
{
  let v = input(x)
  try f(v).backward()
  return v.grad!.scalar
}

/// Central finite difference of a plain function of a vector: ∂f/∂xᵢ.
func centralDifference(_ f: ([Double]) -> Double, at x: [Double], _ i: Int, step: Double = 1e-5)
  -> Double
{
  let h = step * Swift.max(1, Swift.abs(x[i]))
  var plus = x
  var minus = x
  plus[i] += h
  minus[i] -= h
  return (f(plus) - f(minus)) / (2 * h)
}
