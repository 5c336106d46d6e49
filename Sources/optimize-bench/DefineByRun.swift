import Autodiff
import Problems

/// The problem's objective as a function of one flat vector, for the core's `hessian(of:at:)`:
/// scalar variables are elements of the vector, vector variables slices of it.
func flatObjective(_ problem: Problem) -> (Variable<Double>) -> Variable<Double> {
  { v in
    var inputs: [Variable<Double>] = []
    var offset = 0
    for (_, shape) in problem.variables {
      if shape.isScalar {
        inputs.append(v[offset])
      } else {
        inputs.append(v.slice(offset, offset + shape.count))
      }
      offset += shape.count
    }
    return problem.objective(on: inputs)
  }
}

/// Leaf variables holding the flat point `x`, one per declared variable of `problem`.
func leaves(_ problem: Problem, at x: [Double], requiresGrad: Bool) -> [Variable<Double>] {
  var inputs: [Variable<Double>] = []
  inputs.reserveCapacity(problem.variables.count)
  var offset = 0
  for (_, shape) in problem.variables {
    // A scalar straight from its number, as one would write it: no array for its one element.
    if shape.isScalar {
      inputs.append(Variable(x[offset], requiresGrad: requiresGrad))
    } else {
      let part = Array(x[offset..<(offset + shape.count)])
      inputs.append(Variable(Tensor(shape: shape, elements: part), requiresGrad: requiresGrad))
    }
    offset += shape.count
  }
  return inputs
}
