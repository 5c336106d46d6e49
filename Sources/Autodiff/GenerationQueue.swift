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
  private var gradients: [Adjoint<T>?] = []

  init() {
    heap.reserveCapacity(16)
    gradients.reserveCapacity(64)
  }

  /// Adds `gradient` to what `node` has gathered; the first gradient a node receives puts it in
  /// the queue.
  mutating func deliver(_ gradient: Adjoint<T>, to node: Variable<T>) {
    let slot = node.gradientSlot
    guard slot >= 0, let pending = gradients[slot] else {
      node.gradientSlot = gradients.count
      gradients.append(gradient)
      push(node)
      return
    }
    switch (pending, gradient) {
    case (.value(let a), .value(let b)): gradients[slot] = .value(a.adding(b))
    default: gradients[slot] = .recorded(pending.variable + gradient.variable)
    }
  }

  /// Removes a node of the highest generation waiting, with its complete gradient; nil when
  /// none is waiting. The queue lets go of the gradient, so it is freed once used.
  mutating func popDeepest() -> (node: Variable<T>, gradient: Adjoint<T>)? {
    guard let node = popHeap() else { return nil }
    let slot = node.gradientSlot
    node.gradientSlot = -1
    guard let gradient = gradients[slot].take() else {
      preconditionFailure("a queued node has no gradient")
    }
    return (node, gradient)
  }

  private mutating func push(_ node: Variable<T>) {
    heap.append(.passUnretained(node))
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard generation(parent) < generation(child) else { break }
      heap.swapAt(parent, child)
      child = parent
    }
  }

  private func generation(_ i: Int) -> Int {
    heap[i]._withUnsafeGuaranteedRef { $0.generation }
  }

  private mutating func popHeap() -> Variable<T>? {
    guard heap.count > 1 else { return heap.popLast()?.takeUnretainedValue() }
    heap.swapAt(0, heap.count - 1)
    let deepest = heap.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { break }
      let right = left + 1
      var child = left
      if right < heap.count && generation(right) > generation(left) { child = right }
      guard generation(child) > generation(parent) else { break }
      heap.swapAt(parent, child)
      parent = child
    }
    return deepest.takeUnretainedValue()
  }
}
