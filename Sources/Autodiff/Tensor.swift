/// A dense scalar or vector of values: the data that flows through the graph.
///
/// A scalar is stored inline, not in an array, so that making one allocates nothing: most
/// nodes of small problems are scalars, and one array per node used to be most of the cost of
/// building a graph.
public struct Tensor<T: DifferentiableScalar>: Equatable, Sendable, CustomStringConvertible {
  public var shape: Shape
  /// The value of a scalar; zero for a vector.
  @usableFromInline var scalarValue: T
  /// The elements of a vector; empty for a scalar.
  @usableFromInline var vectorElements: [T]

  public init(shape: Shape, elements: [T]) {
    precondition(
      shape.count == elements.count, "\(shape) needs \(shape.count) elements, got \(elements.count)"
    )
    self.shape = shape
    if shape.isScalar {
      scalarValue = elements[0]
      vectorElements = []
    } else {
      scalarValue = 0
      vectorElements = elements
    }
  }

  @inlinable
  public init(_ scalar: T) {
    shape = .scalar
    scalarValue = scalar
    vectorElements = []
  }

  /// A tensor from its stored parts, which must agree with `shape`.
  @usableFromInline
  init(shape: Shape, scalarValue: T, vectorElements: [T]) {
    self.shape = shape
    self.scalarValue = scalarValue
    self.vectorElements = vectorElements
  }

  public init(_ vector: [T]) { self.init(shape: .vector(vector.count), elements: vector) }
  public init(repeating value: T, shape: Shape) {
    self.init(shape: shape, elements: Array(repeating: value, count: shape.count))
  }

  /// Row-major storage; `shape.count` elements (one for a scalar). Reading it for a scalar
  /// makes a one-element array: hot paths use `scalar` or the subscript instead.
  public var elements: [T] {
    get { shape.isScalar ? [scalarValue] : vectorElements }
    set {
      precondition(
        newValue.count == shape.count,
        "\(shape) needs \(shape.count) elements, got \(newValue.count)"
      )
      if shape.isScalar { scalarValue = newValue[0] } else { vectorElements = newValue }
    }
  }

  public var count: Int { shape.count }
  public var isScalar: Bool { shape.isScalar }
  /// The single value of a scalar.
  @inlinable
  public var scalar: T {
    precondition(shape.isScalar, "expected a scalar, found a \(shape)")
    return scalarValue
  }

  @inlinable
  public subscript(i: Int) -> T {
    if shape.isScalar {
      precondition(i == 0, "index \(i) out of range for a scalar")
      return scalarValue
    }
    return vectorElements[i]
  }

  /// Element `i`, or the value of a scalar whatever `i` is: a scalar broadcasts against a
  /// vector in element-wise operations.
  func broadcastElement(_ i: Int) -> T {
    shape.isScalar ? scalarValue : vectorElements[i]
  }

  public var description: String {
    shape.isScalar ? "\(scalarValue)" : "\(vectorElements)"
  }
}
