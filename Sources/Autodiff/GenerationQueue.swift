/// The nodes waiting in a backward pass, deepest generation first (a binary max-heap), and the
/// gradients they have gathered so far.
///
/// A node's consumers all have a higher generation than the node, so when it comes out of the
/// queue every consumer has already passed its gradient on: its gradient is complete.
///
/// The gradients live here, not on the nodes: a node only records the slot of its gradient. A
/// field of a type that depends on `T` would cost a type-metadata lookup every time a node is
/// freed, because a generic class's deinit is never specialised.
struct GenerationQueue<T: DifferentiableScalar> {
  // Unretained: every queued node is reachable from the pass's root through operands, which are
  // never cut while the root is alive, so the queue need not keep them alive (retaining and
  // releasing them at every sift step showed in profiles of scalar passes).
  private var heap: [Unmanaged<Variable<T>>] = []
  /// In an unrecorded pass, the gradients of scalar nodes: plain numbers, the common case,
  /// summed without making a tensor.
  private var scalarGradients: [T] = []
  /// Every other gradient.
  private var gradients: [Adjoint<T>?] = []
  /// Whether the pass is recorded (`createGraph`): then every gradient is a variable.
  let isRecorded: Bool

  init(recorded: Bool) {
    isRecorded = recorded
    heap.reserveCapacity(16)
    if !recorded { scalarGradients.reserveCapacity(64) }
  }

  /// Whether `node`'s gradient is a plain number kept in `scalarGradients`.
  func holdsScalar(_ node: Variable<T>) -> Bool { !isRecorded && node.shape.isScalar }

  /// Adds `gradient` to what the scalar `node` has gathered in an unrecorded pass; the first
  /// gradient a node receives puts it in the queue.
  mutating func deliver(_ gradient: T, to node: Variable<T>) {
    guard holdsScalar(node) else { return deliver(.value(Tensor(gradient)), to: node) }
    let slot = Int(node.gradientSlot)
    if slot >= 0 {
      scalarGradients[slot] += gradient
    } else {
      node.gradientSlot = Int32(scalarGradients.count)
      scalarGradients.append(gradient)
      push(node)
    }
  }

  /// Adds `gradient` to what `node` has gathered; the first gradient a node receives puts it in
  /// the queue.
  mutating func deliver(_ gradient: Adjoint<T>, to node: Variable<T>) {
    if holdsScalar(node), case .value(let t) = gradient { return deliver(t.scalarValue, to: node) }
    let slot = Int(node.gradientSlot)
    guard slot >= 0, let pending = gradients[slot] else {
      node.gradientSlot = Int32(gradients.count)
      gradients.append(gradient)
      push(node)
      return
    }
    switch (pending, gradient) {
    case (.value(let a), .value(let b)): gradients[slot] = .value(a.adding(b))
    default: gradients[slot] = .recorded(pending.variable + gradient.variable)
    }
  }

  /// Removes a node of the highest generation waiting, unretained like every entry; nil when
  /// none is waiting. Its gradient, complete now, is then taken with `takeScalarGradient` or
  /// `takeGradient`.
  mutating func popDeepest() -> Unmanaged<Variable<T>>? { popHeap() }

  /// The gradient of a popped node for which `holdsScalar` is true.
  mutating func takeScalarGradient(of node: Variable<T>) -> T {
    defer { node.gradientSlot = -1 }
    return scalarGradients[Int(node.gradientSlot)]
  }

  /// The gradient of a popped node for which `holdsScalar` is false. The queue lets go of it, so
  /// it is freed once used.
  mutating func takeGradient(of node: Variable<T>) -> Adjoint<T> {
    let slot = Int(node.gradientSlot)
    node.gradientSlot = -1
    guard let gradient = gradients[slot].take() else {
      preconditionFailure("a queued node has no gradient")
    }
    return gradient
  }

  // The sifts move entries into a hole rather than swapping, on the buffer directly: swapping
  // array elements checked the array's uniqueness at every step.
  private mutating func push(_ node: Variable<T>) {
    heap.append(.passUnretained(node))
    heap.withUnsafeMutableBufferPointer { heap in
      let entry = heap[heap.count - 1]
      let depth = Self.generation(entry)
      var child = heap.count - 1
      while child > 0 {
        let parent = (child - 1) / 2
        guard Self.generation(heap[parent]) < depth else { break }
        heap[child] = heap[parent]
        child = parent
      }
      heap[child] = entry
    }
  }

  private static func generation(_ entry: Unmanaged<Variable<T>>) -> Int {
    entry._withUnsafeGuaranteedRef { $0.generation }
  }

  private mutating func popHeap() -> Unmanaged<Variable<T>>? {
    guard let last = heap.popLast() else { return nil }
    if heap.isEmpty { return last }
    return heap.withUnsafeMutableBufferPointer { heap in
      // The top leaves; the last entry sinks from the top to its place.
      let deepest = heap[0]
      let depth = Self.generation(last)
      var parent = 0
      while true {
        var child = 2 * parent + 1
        guard child < heap.count else { break }
        if child + 1 < heap.count
          && Self.generation(heap[child + 1]) > Self.generation(heap[child])
        {
          child += 1
        }
        guard Self.generation(heap[child]) > depth else { break }
        heap[parent] = heap[child]
        parent = child
      }
      heap[parent] = last
      return deepest
    }
  }
}
