/// Forward evaluation of every primitive on plain tensors. The define-by-run graph calls these;
/// they know nothing of gradients.
enum Kernels {
  /// The result shape of `op` on inputs of these shapes, or a message saying why it is invalid.
  static func resultShape(_ op: Op, _ shapes: [Shape]) -> Result<Shape, ShapeError> {
    func fail(_ message: String) -> Result<Shape, ShapeError> { .failure(ShapeError(message)) }
    switch op {
    case _ where op.isElementwise && !op.isUnary:
      guard shapes.count == 2 else { return fail("\(op) takes two operands") }
      guard let s = Shape.broadcast(shapes[0], shapes[1]) else {
        return fail("\(op) of a \(shapes[0]) and a \(shapes[1]): lengths differ")
      }
      return .success(s)
    case _ where op.isUnary:
      return .success(shapes[0])
    case .sum, .product:
      return .success(.scalar)
    case .index(let i):
      guard case .vector(let n) = shapes[0] else { return fail("indexing a scalar") }
      guard i >= 0 && i < n else {
        return fail("index \(i) out of range for a vector of length \(n)")
      }
      return .success(.scalar)
    case .slice(let l, let u):
      guard case .vector(let n) = shapes[0] else { return fail("slicing a scalar") }
      guard 0 <= l && l <= u && u <= n else {
        return fail("slice \(l):\(u) of a vector of length \(n)")
      }
      return .success(.vector(u - l))
    case .concat:
      return .success(.vector(shapes.reduce(0) { $0 + $1.count }))
    case .tile(let k):
      guard k >= 0 else { return fail("repeat count \(k) is negative") }
      return .success(.vector(shapes[0].count * k))
    case .broadcast(let n):
      guard shapes[0].isScalar else { return fail("broadcast of a \(shapes[0])") }
      return .success(.vector(n))
    case .scatter(let i, let n):
      guard shapes[0].isScalar, i >= 0, i < n else { return fail("scatter to \(i) of \(n)") }
      return .success(.vector(n))
    case .pad(let l, let n):
      guard l >= 0, l + shapes[0].count <= n else { return fail("pad at \(l) into \(n)") }
      return .success(.vector(n))
    case .foldTiles(let k):
      guard k > 0, shapes[0].count % k == 0 else {
        return fail("fold of \(shapes[0]) into \(k) tiles")
      }
      return .success(.vector(shapes[0].count / k))
    default:
      preconditionFailure("\(op) has no shape rule")
    }
  }

  static func unary<T: DifferentiableScalar>(_ op: Op, _ x: T) -> T {
    guard let code = op.elementCode, op.isUnary else { preconditionFailure("\(op) is not unary") }
    return UnaryValue(x: x).dispatch(code)
  }

  static func binary<T: DifferentiableScalar>(_ op: Op, _ a: T, _ b: T) -> T {
    switch op {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide: return a / b
    case .power: return power(a, b)
    case .atan2: return T.atan2(y: a, x: b)
    case .minimum: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
    case .maximum: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
    default:
      guard let code = op.elementCode, !op.isUnary else {
        preconditionFailure("\(op) is not binary")
      }
      return BinaryValue(a: a, b: b).dispatch(code)
    }
  }

  /// `a^b` with integer exponents of negative bases exact (C's `pow` semantics): small integer
  /// exponents are done by repeated multiplication, everything else by `Real.pow`.
  @inline(__always)
  static func power<T: DifferentiableScalar>(_ a: T, _ b: T) -> T {
    if b == 2 { return a * a }
    if b == 1 { return a }
    if b == 0 { return 1 }
    if b == 3 { return a * a * a }
    if b.rounded() == b && Swift.abs(b) < 16_777_216 {
      return T.pow(a, Int(b))
    }
    return T.pow(a, b)
  }

  static func evaluate<T: DifferentiableScalar>(_ op: Op, _ inputs: [Tensor<T>], shape: Shape)
    -> Tensor<T>
  {
    switch op {
    case _ where op.isUnary:
      return Tensor(shape: shape, elements: inputs[0].elements.map { unary(op, $0) })
    case _ where op.isElementwise:
      let a = inputs[0], b = inputs[1]
      var out = [T]()
      out.reserveCapacity(shape.count)
      for i in 0..<shape.count {
        out.append(binary(op, a.broadcastElement(i), b.broadcastElement(i)))
      }
      return Tensor(shape: shape, elements: out)
    case .sum:
      return Tensor(inputs[0].elements.reduce(0, +))
    case .product:
      return Tensor(inputs[0].elements.reduce(1, *))
    case .index(let i):
      return Tensor(inputs[0][i])
    case .slice(let l, let u):
      return Tensor(Array(inputs[0].elements[l..<u]))
    case .concat:
      return Tensor(inputs.flatMap { $0.elements })
    case .tile(let k):
      var out = [T]()
      out.reserveCapacity(shape.count)
      for _ in 0..<k { out.append(contentsOf: inputs[0].elements) }
      return Tensor(shape: shape, elements: out)
    case .broadcast(let n):
      return Tensor(shape: .vector(n), elements: Array(repeating: inputs[0][0], count: n))
    case .scatter(let i, let n):
      var out = [T](repeating: 0, count: n)
      out[i] = inputs[0][0]
      return Tensor(out)
    case .pad(let l, let n):
      var out = [T](repeating: 0, count: n)
      for (j, v) in inputs[0].elements.enumerated() { out[l + j] = v }
      return Tensor(out)
    case .foldTiles(let k):
      let m = shape.count
      var out = [T](repeating: 0, count: m)
      for t in 0..<k { for j in 0..<m { out[j] += inputs[0][t * m + j] } }
      return Tensor(out)
    default:
      preconditionFailure("\(op) has no kernel")
    }
  }
}

/// f(x) by the rule of a function of one operand.
private struct UnaryValue<T: DifferentiableScalar>: ChunkKernel {
  let x: T
  @inline(__always) func run<R: ElementRule>(_ rule: R.Type) -> T { R.value(x, x) }
}

/// f(a, b) by the rule of a function of two operands.
private struct BinaryValue<T: DifferentiableScalar>: ChunkKernel {
  let a: T
  let b: T
  @inline(__always) func run<R: ElementRule>(_ rule: R.Type) -> T { R.value(a, b) }
}

/// An operation applied to operands of shapes it cannot combine.
public struct ShapeError: Error, CustomStringConvertible, Sendable {
  public let description: String
  init(_ description: String) { self.description = description }
}

extension Tensor {
  /// The element-wise sum of two tensors of one shape (or a scalar and anything).
  func adding(_ other: Tensor) -> Tensor {
    if shape.isScalar && other.shape.isScalar { return Tensor(scalarValue + other.scalarValue) }
    guard let shape = Shape.broadcast(shape, other.shape) else {
      preconditionFailure("adding a \(shape) and a \(other.shape)")
    }
    return Kernels.evaluate(.add, [self, other], shape: shape)
  }
}
