/// A node of the define-by-run graph: a value, and if it was computed with recording on from
/// something that requires a gradient, the operation and the inputs that made it.
///
/// A graph holds only strong references from results to their inputs, so it is a DAG and is
/// freed as soon as its last result is. (With `createGraph: true` a leaf's `.grad` refers back
/// into a graph that contains the leaf; `clearGrad()` releases it.)
public final class Variable<T: DifferentiableScalar>: CustomStringConvertible {
  // Inlinable, as is `scalar`: read after every backward pass, their generic entries looked up
  // type metadata at every call from another module.
  @inlinable
  public var value: Tensor<T> {
    if requiresGrad { noteValueRead() }
    return storedValue
  }
  /// `value` for the library's own reads, which a recording need not be told of.
  @inlinable
  var storedValue: Tensor<T> {
    Tensor(shape: shape, scalarValue: scalarValue, vectorElements: vectorElements ?? [])
  }
  // The fields are ordered to leave no padding: a node of 120 bytes or less is served from
  // malloc's fast bins (chunks of up to 128 bytes), which showed in profiles of graph building
  // and freeing.
  //
  // The value is stored as the parts of a Tensor: fields of types that depend on `T` only through
  // `T` itself or an array need no type-metadata lookup when a node is freed (a generic class's
  // deinit is never specialised); a `Tensor<T>` field did, for every node.
  public let shape: Shape
  public let requiresGrad: Bool
  // Read at every node of a backward pass; set only by `retainGrad()`, which a pass never runs.
  @exclusivity(unchecked) public internal(set) var retainsGrad = false
  /// Where a backward pass under way keeps the gradient gathered for this node; -1 outside one.
  // Changed only by the backward pass that owns the node's slot.
  @exclusivity(unchecked) var gradientSlot: Int32 = -1
  @usableFromInline let scalarValue: T
  /// The elements of a vector; nil for a scalar (or an empty vector): an empty array would still
  /// cost a release call at every node freed.
  @usableFromInline let vectorElements: [T]?
  /// Filled by `backward()` for leaves that require a gradient, and for intermediates that
  /// asked for it with `retainGrad()`. Accumulates across calls until `clearGrad()`.
  public internal(set) var grad: Variable<T>? {
    get { gradField.variable }
    set { gradField.variable = newValue }
  }
  // Wrapped: for a stored field of the class's own type the compiler frees a chain of them
  // iteratively, a retain, a release and a uniqueness test at every node freed, even when nil.
  private var gradField = GradientField<T>()
  /// The operation that produced this value; nil for a leaf (an input or a constant).
  public let op: Op?
  /// The operands of `op`, in order; empty for a leaf. A plain number of the expression (the 3
  /// of `3 * x`) becomes a constant leaf at the first read; later reads give the same leaf.
  public var inputs: [Variable<T>] {
    materialiseConstants()
    return operands.array
  }
  // Changed only while a graph is freed, by one owner: no run-time exclusivity check needed.
  @exclusivity(unchecked) var operands: Operands<T>
  /// The plain-number operand of `3 * x` or `x + 1` (see `Operands.variableAndConstant`); zero
  /// when there is none.
  let constantOperand: T
  /// Longest path from a leaf: orders the backward pass (DeZero's generations).
  public let generation: Int
  /// An optional label, used in error messages and graph dumps.
  public var name: String? {
    get { label?.text }
    set { label = newValue.map(Label.init) }
  }
  // Boxed: most nodes have no name, and a `String?` field would take 16 bytes of every node.
  private var label: Label?

  /// A leaf: an input (`requiresGrad: true`) or a constant.
  @_specialize(where T == Double)
  public convenience init(_ value: Tensor<T>, requiresGrad: Bool = false, name: String? = nil) {
    self.init(
      leafShape: value.shape, scalarValue: value.scalarValue,
      vectorElements: Self.stored(value.vectorElements), requiresGrad: requiresGrad, name: name)
  }

  // Straight to the parts, not through a Tensor: scalar leaves are made at every operation
  // with a plain number that the graph needs as a node.
  @_specialize(where T == Double)
  public convenience init(_ scalar: T, requiresGrad: Bool = false, name: String? = nil) {
    self.init(
      leafShape: .scalar, scalarValue: scalar, vectorElements: nil, requiresGrad: requiresGrad,
      name: name)
  }

  private init(
    leafShape shape: Shape, scalarValue: T, vectorElements: [T]?, requiresGrad: Bool,
    name: String?
  ) {
    self.shape = shape
    self.scalarValue = scalarValue
    self.vectorElements = vectorElements
    self.requiresGrad = requiresGrad
    self.op = nil
    self.operands = .none
    self.constantOperand = 0
    self.generation = 0
    self.label = name.map(Label.init)
  }

  // Straight to the parts too: a Tensor made here, before the entry from another module
  // reaches the specialisation, cost a type-metadata lookup at every call.
  @_specialize(where T == Double)
  public convenience init(_ vector: [T], requiresGrad: Bool = false, name: String? = nil) {
    self.init(
      leafShape: .vector(vector.count), scalarValue: 0, vectorElements: Self.stored(vector),
      requiresGrad: requiresGrad, name: name)
  }

  /// A recorded result. Records the operation only when recording is on and some input
  /// requires a gradient; otherwise the result is a constant leaf.
  convenience init(computing op: Op, from operands: Operands<T>, value: Tensor<T>) {
    self.init(
      computing: op, from: operands, constant: 0, shape: value.shape,
      scalarValue: value.scalarValue, vectorElements: Self.stored(value.vectorElements))
  }

  /// A recorded scalar result; `constant` is the plain-number operand, if `operands` has one.
  convenience init(computing op: Op, from operands: Operands<T>, constant: T = 0, scalar: T) {
    self.init(
      computing: op, from: operands, constant: constant, shape: .scalar, scalarValue: scalar,
      vectorElements: nil)
  }

  private init(
    computing op: Op, from operands: Operands<T>, constant: T, shape: Shape, scalarValue: T,
    vectorElements: [T]?
  ) {
    self.constantOperand = constant
    self.shape = shape
    self.scalarValue = scalarValue
    self.vectorElements = vectorElements
    // The cheap test first: reading the task-local mode costs more than looking at the inputs.
    if operands.anyRequiresGrad && GradMode.isEnabled {
      self.requiresGrad = true
      self.op = op
      self.operands = operands
      self.generation = 1 + operands.deepestGeneration
    } else {
      self.requiresGrad = false
      self.op = nil
      self.operands = .none
      self.generation = 0
    }
  }

  /// A tensor's elements as a node keeps them: nil when there are none.
  private static func stored(_ elements: [T]) -> [T]? { elements.isEmpty ? nil : elements }

  /// Frees the graph behind a deep node iteratively: the default recursive release of a chain of
  /// 10⁵ nodes would overflow the stack. Below `recursiveFreeingDepth` generations the default
  /// release is kept: it goes no deeper than the generation (every operand is shallower than its
  /// consumer), and it is cheaper than the iteration, which showed in profiles of small graphs.
  deinit {
    if generation > Self.recursiveFreeingDepth { releaseOperands() }
  }

  /// The deepest graph freed by plain recursive release; a level takes a few hundred bytes of
  /// stack at most.
  static var recursiveFreeingDepth: Int { 256 }

  /// Empties, one at a time, the operands no one else holds. A deinit runs unspecialised, and
  /// generic code here looks up type metadata for every node freed: the specialisation makes
  /// freeing a Double graph cost no more than freeing its memory.
  @_specialize(where T == Double)
  private func releaseOperands() {
    if case .none = operands { return }
    var pending = [Variable<T>]()
    pending.reserveCapacity(16)
    operands.move(into: &pending)
    while var node = pending.popLast() {
      if isKnownUniquelyReferenced(&node) { node.operands.move(into: &pending) }
    }
  }

  /// Makes every plain number among the operands a constant leaf, for code that needs the
  /// operands as variables.
  func materialiseConstants() { operands = operands.materialisingConstant(constantOperand) }

  public var isLeaf: Bool { op == nil }
  /// The value of a scalar variable.
  @inlinable
  public var scalar: T {
    precondition(shape.isScalar, "expected a scalar, found a \(shape)")
    if requiresGrad { noteValueRead() }
    return scalarValue
  }

  /// Keep `.grad` on this intermediate result too at the next `backward()`.
  public func retainGrad() { retainsGrad = true }

  /// Forget the accumulated gradient.
  public func clearGrad() { grad = nil }

  /// A constant copy of this value, cut off from the graph.
  public func detached() -> Variable<T> { Variable(storedValue) }

  public var description: String {
    "Variable(\(value)\(requiresGrad ? ", requiresGrad" : ""))"
  }
}

/// A node's name, boxed (see `Variable.name`).
private final class Label {
  let text: String
  init(_ text: String) { self.text = text }
}

/// `Variable.grad`'s storage (see there).
private struct GradientField<T: DifferentiableScalar> {
  var variable: Variable<T>?
}
