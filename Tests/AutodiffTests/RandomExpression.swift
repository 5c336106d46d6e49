import Autodiff

/// A random smooth expression of a vector of three variables, built from a list of choices so
/// that the property library can generate and shrink it. Every primitive appears, composed so
/// that each function is smooth on inputs in [0.5, 2]: logarithms and square roots get positive
/// arguments, exponentials bounded ones, and no abs/min/max kinks.
struct RandomExpression: CustomStringConvertible {
  let choices: [Int]

  var description: String { "RandomExpression(\(choices))" }

  /// f(x), recorded when x requires a gradient.
  func callAsFunction(_ x: Variable<Double>) -> Variable<Double> {
    var reader = ChoiceReader(choices: choices)
    return scalar(x, depth: 3, &reader)
  }

  private func scalar(_ x: Variable<Double>, depth: Int, _ r: inout ChoiceReader)
    -> Variable<Double>
  {
    if depth == 0 { return x[r.next(3)] }
    let a = scalar(x, depth: depth - 1, &r)
    switch r.next(18) {
    case 0: return a + scalar(x, depth: depth - 1, &r)
    case 1: return a - scalar(x, depth: depth - 1, &r)
    case 2: return a * scalar(x, depth: depth - 1, &r)
    case 3:
      let b = scalar(x, depth: depth - 1, &r)
      return a / (1 + b * b)
    case 4: return exp(tanh(a))
    case 5: return log(1 + a * a)
    case 6: return sqrt(2 + sin(a))
    case 7: return sin(a) * cos(a)
    case 8: return tan(atan(a) / 2)
    case 9: return pow(1 + a * a, tanh(scalar(x, depth: depth - 1, &r)))
    case 10:
      // Squashed first so that repeated cubes stay moderate; tanh(a) may be negative.
      let t = tanh(a)
      return pow(t, 3) - pow(t, 2)
    case 11: return atan2(a, 2 + cos(scalar(x, depth: depth - 1, &r)))
    case 12: return sum(vector(x, a, &r))
    case 13: return prod(vector(x, a, &r))
    // The norm is not differentiable at 0 (a − a can be exactly 0): keep it away from there.
    case 14: return norm(concat([vector(x, a, &r), Variable(1.0)]))
    case 15: return dot(vector(x, a, &r), x)
    case 16: return mean(vector(x, a, &r) * a)
    default: return -a
    }
  }

  /// A vector of length 3 mixing x with the scalar a.
  private func vector(_ x: Variable<Double>, _ a: Variable<Double>, _ r: inout ChoiceReader)
    -> Variable<Double>
  {
    switch r.next(7) {
    case 0: return x * a
    case 1: return x + a
    case 2: return concat([a, x.slice(1, nil)])
    case 3: return concat([x.slice(nil, 2) * a, x[0]])
    case 4:
      // repeat then fold by slicing: (x₀, x₁, x₂, x₀, x₁, x₂)[2:5] = (x₂, x₀, x₁)
      return `repeat`(x * a, 2).slice(2, 5)
    case 5: return tanh(x - a)
    default: return pow(x, a / (1 + a * a))
    }
  }
}

/// Reads choices in turn, cycling when they run out.
struct ChoiceReader {
  let choices: [Int]
  var position = 0

  mutating func next(_ count: Int) -> Int {
    guard !choices.isEmpty else { return 0 }
    defer { position += 1 }
    return choices[position % choices.count] % count
  }
}
