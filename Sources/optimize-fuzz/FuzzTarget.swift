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
}

/// An outcome that breaks the loader's contract without crashing: reported as a finding.
struct ContractViolation: Error, CustomStringConvertible {
  let description: String
}

/// Runs one input through the problem loader and, when it loads, evaluates the objective and
/// its gradient at the start point.
struct FuzzTarget {
  /// `data` paths in fuzzed files resolve here.
  let baseDirectory: URL
  static let fileName = "fuzz"

  func run(_ text: String) throws(ContractViolation) -> Outcome {
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
      return .rejected
    }
    guard problem.start.count == problem.dimension else {
      throw ContractViolation(
        description: "start has \(problem.start.count) numbers for \(problem.dimension) unknowns")
    }
    _ = problem.value(at: problem.start)
    return try gradient(problem)
  }

  /// Reverse mode through the problem's graph, on leaves split from the start point.
  private func gradient(_ problem: Problem) throws(ContractViolation) -> Outcome {
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
    guard objective.requiresGrad else { return .constantObjective }
    do {
      try objective.backward()
    } catch {
      throw ContractViolation(description: "backward() failed on a loaded problem: \(error)")
    }
    for (input, variable) in zip(inputs, problem.variables) where input.grad != nil {
      guard input.grad!.shape == variable.shape else {
        throw ContractViolation(
          description:
            "the gradient of \(variable.name) is a \(input.grad!.shape), not a \(variable.shape)")
      }
    }
    return .evaluated
  }
}
