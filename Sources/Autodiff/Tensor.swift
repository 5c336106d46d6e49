/// A dense scalar or vector of values: the data that flows through the graph.
public struct Tensor<T: DifferentiableScalar>: Equatable, Sendable, CustomStringConvertible {
  public var shape: Shape
  /// Row-major storage; `shape.count` elements (one for a scalar).
  public var elements: [T]

  public init(shape: Shape, elements: [T]) {
    precondition(
      shape.count == elements.count, "\(shape) needs \(shape.count) elements, got \(elements.count)"
    )
    self.shape = shape
    self.elements = elements
  }

  public init(_ scalar: T) { self.init(shape: .scalar, elements: [scalar]) }
  public init(_ vector: [T]) { self.init(shape: .vector(vector.count), elements: vector) }
  public init(repeating value: T, shape: Shape) {
    self.init(shape: shape, elements: Array(repeating: value, count: shape.count))
  }

  public var count: Int { elements.count }
  public var isScalar: Bool { shape.isScalar }
  /// The single value of a scalar.
  public var scalar: T {
    precondition(shape.isScalar, "expected a scalar, found a \(shape)")
    return elements[0]
  }

  public subscript(i: Int) -> T { elements[i] }

  public var description: String {
    shape.isScalar ? "\(elements[0])" : "\(elements)"
  }
}
