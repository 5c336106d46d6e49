/// The nodes waiting in a backward pass, deepest generation first (a binary max-heap).
///
/// A node's consumers all have a higher generation than the node, so when it comes out of the
/// queue every consumer has already passed its gradient on: its gradient is complete.
struct GenerationQueue<T: DifferentiableScalar> {
  private var heap: [Variable<T>] = []

  init() { heap.reserveCapacity(16) }

  mutating func push(_ node: Variable<T>) {
    heap.append(node)
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[parent].generation < heap[child].generation else { break }
      heap.swapAt(parent, child)
      child = parent
    }
  }

  /// Removes and returns a node of the highest generation waiting; nil when none is.
  mutating func popDeepest() -> Variable<T>? {
    guard heap.count > 1 else { return heap.popLast() }
    heap.swapAt(0, heap.count - 1)
    let deepest = heap.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { break }
      let right = left + 1
      var child = left
      if right < heap.count && heap[right].generation > heap[left].generation { child = right }
      guard heap[child].generation > heap[parent].generation else { break }
      heap.swapAt(parent, child)
      parent = child
    }
    return deepest
  }

  /// Adds `gradient` to what `node` has gathered; the first gradient a node receives puts it in
  /// the queue.
  mutating func deliver(_ gradient: Adjoint<T>, to node: Variable<T>) {
    guard let pending = node.pendingGradient else {
      node.pendingGradient = gradient
      push(node)
      return
    }
    switch (pending, gradient) {
    case (.value(let a), .value(let b)): node.pendingGradient = .value(a.adding(b))
    default: node.pendingGradient = .recorded(pending.variable + gradient.variable)
    }
  }
}
