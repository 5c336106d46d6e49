/// Forward evaluation of every primitive on plain tensors. The define-by-run graph calls these;
/// they know nothing of gradients.
enum Kernels {
  /// The result shape of `op` on inputs of these shapes, or a message saying why it is invalid.
  static func resultShape(_ op: Op, _ shapes: [Shape]) -> Result<Shape, ShapeError> {
    func fail(_ message: String) -> Result<Shape, ShapeError> { .failure(ShapeError(message)) }
    switch op {
    case .add, .subtract, .multiply, .divide, .power, .atan2, .minimum, .maximum:
      guard shapes.count == 2 else { return fail("\(op) takes two operands") }
      guard let s = Shape.broadcast(shapes[0], shapes[1]) else {
        return fail("\(op) of a \(shapes[0]) and a \(shapes[1]): lengths differ")
      }
      return .success(s)
    case .negate, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .atan:
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
    }
  }

  static func unary<T: DifferentiableScalar>(_ op: Op, _ x: T) -> T {
    switch op {
    case .negate: return -x
    case .exp: return T.exp(x)
    case .log: return T.log(x)
    case .sqrt: return x.squareRoot()
    case .abs: return Swift.abs(x)
    case .sin: return T.sin(x)
    case .cos: return T.cos(x)
    case .tan: return T.tan(x)
    case .tanh: return T.tanh(x)
    case .atan: return T.atan(x)
    default: preconditionFailure("\(op) is not unary")
    }
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
    default: preconditionFailure("\(op) is not binary")
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
    case .negate, .exp, .log, .sqrt, .abs, .sin, .cos, .tan, .tanh, .atan:
      return Tensor(shape: shape, elements: inputs[0].elements.map { unary(op, $0) })
    case .add, .subtract, .multiply, .divide, .power, .atan2, .minimum, .maximum:
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
    }
  }
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
