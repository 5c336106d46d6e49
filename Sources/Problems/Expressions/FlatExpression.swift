import Autodiff

/// A checked expression flattened at load time into steps, each applied to the results of
/// earlier ones. Lowering it onto variables is then one loop over the steps: walking the tree
/// (copying its nodes and operand arrays at every step) cost as much as recording the graph.
///
/// It builds exactly the graph `Node.lowered(on:)` builds: the same operations, in the same
/// order, with the same plain numbers kept inline.
struct FlatExpression: Sendable {
  /// A step refers to earlier steps, constants and operand lists by index, so that it is plain
  /// data: reading one copies no reference (a copy of a step holding a tensor was a call).
  enum Step: Sendable {
    /// `constants[i]`, a value known at load time, made a constant leaf.
    case constant(Int)
    /// The `index`-th declared variable.
    case input(Int)
    /// `op` on the result of an earlier step.
    case unary(Op, Int)
    /// `op` on the results of two earlier steps.
    case binary(Op, Int, Int)
    /// `a ∘ c` for the result `a` of an earlier step and a scalar `c` kept inline.
    case withNumberAfter(Op, Int, Double)
    /// `c ∘ b` for a scalar `c` kept inline and the result `b` of an earlier step.
    case withNumberBefore(Op, Double, Int)
    /// `op` on the results of the earlier steps listed in `operandLists[i]`.
    case general(Op, Int)
  }

  /// In order; the last gives the expression's value.
  private(set) var steps: [Step] = []
  private(set) var constants: [Tensor<Double>] = []
  private(set) var operandLists: [[Int]] = []
  /// The step of each declared variable read so far: every read gives the same variable, so
  /// one step serves them all (a step per read cost a retain, a release and a turn of the loop).
  private var inputSteps: [Int: Int] = [:]

  init(_ node: Node) { append(node) }

  /// Appends the steps of `node` (its operands' first) and returns the index of its own.
  @discardableResult
  private mutating func append(_ node: Node) -> Int {
    let step: Step
    switch node {
    case .constant(let t):
      step = .constant(constants.count)
      constants.append(t)
    case .input(let i, _):
      if let earlier = inputSteps[i] { return earlier }
      inputSteps[i] = steps.count
      step = .input(i)
    case .apply(let op, let operands, _) where operands.count == 1:
      step = .unary(op, append(operands[0]))
    case .apply(let op, let operands, _) where operands.count == 2:
      // The same choices as `Node.lowered(on:)`.
      let (a, b) = (operands[0], operands[1])
      if op.isElementwise, a.constantValue == nil, let c = b.constantValue, c.isScalar {
        step = .withNumberAfter(op, append(a), c.scalar)
      } else if op.isElementwise, b.constantValue == nil, let c = a.constantValue, c.isScalar {
        step = .withNumberBefore(op, c.scalar, append(b))
      } else {
        let first = append(a)
        step = .binary(op, first, append(b))
      }
    case .apply(let op, let operands, _):
      let list = operands.map { append($0) }
      step = .general(op, operandLists.count)
      operandLists.append(list)
    }
    steps.append(step)
    return steps.count - 1
  }

  /// Builds the expression's graph on the given inputs (one per declared variable).
  @_specialize(where T == Double)
  func lowered<T: DifferentiableScalar>(on inputs: [Variable<T>]) -> Variable<T> {
    // The results are held unretained on the stack, each released once at the end: an array of
    // them cost an allocation, and a retain and a release at every read.
    withUnsafeTemporaryAllocation(of: Unmanaged<Variable<T>>.self, capacity: steps.count) {
      results in
      do {
        for (k, step) in steps.enumerated() {
          results[k] = .passRetained(try apply(step, to: results, inputs: inputs))
        }
      } catch {
        preconditionFailure("a shape checked at load time failed: \(error)")
      }
      let value = results[steps.count - 1].takeUnretainedValue()
      for k in 0..<steps.count { results[k].release() }
      return value
    }
  }

  /// The result of `step`, given the results of the steps before it.
  @inline(__always)
  private func apply<T: DifferentiableScalar>(
    _ step: Step, to results: UnsafeMutableBufferPointer<Unmanaged<Variable<T>>>,
    inputs: [Variable<T>]
  ) throws -> Variable<T> {
    switch step {
    case .constant(let i):
      return Variable(Node.converted(constants[i]))
    case .input(let i):
      return inputs[i]
    case .unary(let op, let a):
      return try results[a]._withUnsafeGuaranteedRef { a in
        try Variable.applying(op, to: a)
      }
    case .binary(let op, let a, let b):
      return try results[a]._withUnsafeGuaranteedRef { a in
        try results[b]._withUnsafeGuaranteedRef { b in
          try Variable.applying(op, to: a, b)
        }
      }
    case .withNumberAfter(let op, let a, let c):
      return results[a]._withUnsafeGuaranteedRef { a in Variable.applying(op, to: a, T(c)) }
    case .withNumberBefore(let op, let c, let b):
      return results[b]._withUnsafeGuaranteedRef { b in Variable.applying(op, to: T(c), b) }
    case .general(let op, let list):
      return try Variable.applying(
        op, to: operandLists[list].map { results[$0].takeUnretainedValue() })
    }
  }
}
