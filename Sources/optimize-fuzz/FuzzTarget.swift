import Autodiff
import Foundation
import Problems

/// What one input did. Anything else (a trap, a signal, a hang) ends the process and is a
/// finding.
enum Outcome: String, CaseIterable {
  /// Loaded; value and gradient evaluated at the start point.
  case evaluated
  /// Loaded; the objective does not depend on the variables, so there is no gradient to take.
  case constantObjective = "constant objective"
  /// Refused with a `ProblemError`: the expected outcome for most mutated inputs.
  case rejected
  /// Loaded and evaluated, but the compiled fast path and the graph disagree: a numerical
  /// finding, saved and counted without ending the run.
  case fastPathMismatch = "fast path and graph disagree"
}

/// The fast path and the graph disagree at the start point.
struct FastPathMismatch: Error, CustomStringConvertible {
  let description: String
}

/// An outcome that breaks the loader's contract without crashing: reported as a finding.
struct ContractViolation: Error, CustomStringConvertible {
  let description: String
}

/// Runs one input through the problem loader and, when it loads, evaluates the objective and
/// its gradient at the start point twice: on the define-by-run graph and on the compiled fast
/// path. The two must agree (a differential oracle: they are two implementations of the same
/// function).
struct FuzzTarget {
  /// `data` paths in fuzzed files resolve here.
  let baseDirectory: URL
  static let fileName = "fuzz"

  /// The outcome, and for a mismatch what differs.
  func run(_ text: String) throws(ContractViolation) -> (outcome: Outcome, note: String?) {
    let problem: Problem
    do {
      problem = try ProblemCatalog.load(
        toml: text, name: Self.fileName, baseDirectory: baseDirectory)
    } catch {
      // One clear message naming the file.
      let message = error.description
      guard message.hasPrefix(Self.fileName), !error.message.isEmpty else {
        throw ContractViolation(
          description: "a ProblemError that does not name the file: \(message)")
      }
      return (.rejected, nil)
    }
    guard problem.start.count == problem.dimension else {
      throw ContractViolation(
        description: "start has \(problem.start.count) numbers for \(problem.dimension) unknowns")
    }
    let value = problem.value(at: problem.start)
    let (outcome, graphGradient) = try gradient(problem)
    do {
      try compareWithFastPath(problem, value: value, gradient: graphGradient)
    } catch {
      return (.fastPathMismatch, error.description)
    }
    return (outcome, nil)
  }

  /// The compiled fast path at the start point against the graph's value and gradient.
  private func compareWithFastPath(_ problem: Problem, value: Double, gradient: [Double])
    throws(FastPathMismatch)
  {
    let compiled = problem.compiled(Double.self)
    let fastValue = compiled.value(problem.start)
    var fastGradient = [Double](repeating: 0, count: problem.dimension)
    let fastValueWithGradient = compiled.gradient(problem.start, into: &fastGradient)
    guard Self.agree(fastValue, value), Self.agree(fastValueWithGradient, value) else {
      throw FastPathMismatch(
        description:
          "the fast path's value \(fastValue) (with gradient: \(fastValueWithGradient)) differs "
          + "from the graph's \(value)")
    }
    for i in gradient.indices where !Self.agree(fastGradient[i], gradient[i]) {
      throw FastPathMismatch(
        description:
          "gradient component \(i): the fast path gives \(fastGradient[i]), the graph \(gradient[i])"
      )
    }
  }

  /// Equal to a few units in the last place (the fast path may order sums differently), or
  /// both NaN, or the same infinity.
  static func agree(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return Swift.abs(a - b) <= 1e-12 * Swift.max(1, Swift.abs(a), Swift.abs(b))
  }

  /// Reverse mode through the problem's graph, on leaves split from the start point.
  /// Also returns the gradient, flattened (zeros for variables the objective does not use).
  private func gradient(_ problem: Problem) throws(ContractViolation) -> (Outcome, [Double]) {
    var offset = 0
    let inputs = problem.variables.map { variable -> Variable<Double> in
      let count = variable.shape.count
      defer { offset += count }
      let elements = Array(problem.start[offset..<offset + count])
      let value =
        variable.shape.isScalar
        ? Tensor(elements[0]) : Tensor(shape: variable.shape, elements: elements)
      return Variable(value, requiresGrad: true, name: variable.name)
    }
    let objective = problem.objective(on: inputs)
    guard objective.shape.isScalar else {
      throw ContractViolation(description: "the objective is a \(objective.shape), not a scalar")
    }
    guard objective.requiresGrad else {
      return (.constantObjective, [Double](repeating: 0, count: problem.dimension))
    }
    do {
      try objective.backward()
    } catch {
      throw ContractViolation(description: "backward() failed on a loaded problem: \(error)")
    }
    var flat = [Double]()
    flat.reserveCapacity(problem.dimension)
    for (input, variable) in zip(inputs, problem.variables) {
      guard let grad = input.grad else {
        flat.append(contentsOf: repeatElement(0, count: variable.shape.count))
        continue
      }
      guard grad.shape == variable.shape else {
        throw ContractViolation(
          description:
            "the gradient of \(variable.name) is a \(grad.shape), not a \(variable.shape)")
      }
      flat.append(contentsOf: grad.value.elements)
    }
    return (.evaluated, flat)
  }
}
