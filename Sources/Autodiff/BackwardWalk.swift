/// The nodes of one backward pass, each after all of its consumers, and the gradients they
/// gather on the way.
///
/// The order is a depth-first postorder from the root, walked from its end: the search finishes
/// a node only after every input it reaches, so walking the postorder backwards meets all the
/// consumers of a node before the node, and a node's gradient is complete when its turn comes.
/// Only inputs that require a gradient are entered, so the walk covers the part of the graph
/// between the root and the leaves that want gradients.
///
/// A node's `gradientSlot` is its place in the postorder: it is the search's visited mark too,
/// so no set of visited nodes is needed. The walk puts every slot back to -1.
///
/// The gradients live here, not on the nodes: a field of a type that depends on `T` would cost a
/// type-metadata lookup every time a node is freed, because a generic class's deinit is never
/// specialised.
struct BackwardWalk<T: DifferentiableScalar>: ~Copyable {
  /// A node of the pass and, in an unrecorded pass of a scalar node, its gradient so far.
  struct Entry {
    // Unretained: every node of the pass is reachable from the pass's root through operands,
    // which are never cut while the root is alive; retaining each one showed in profiles.
    let node: Unmanaged<Variable<T>>
    var scalarGradient: T = 0
    var hasGradient = false
    /// Where in `gradients` the node's gradient is, if it is kept there; -1 until it is.
    var gradientIndex: Int32 = -1
  }

  /// The nodes in depth-first postorder: inputs before their consumers.
  private var entries = EntryBuffer<Entry>(capacity: initialCapacity)
  /// The gradients not kept in `entries`: vectors, or every gradient of a recorded pass. (Only
  /// these nodes get a place: an array of optional adjoints for every node cost more to fill
  /// than the whole pass of a small graph.)
  private var gradients: [Adjoint<T>?] = []
  /// Whether the pass is recorded (`createGraph`): then every gradient is a variable.
  let isRecorded: Bool

  /// As many entries as fit in 1 KiB: glibc serves requests up to 1032 bytes from a per-thread
  /// cache, and the 1.5 KiB of 64 entries went through the general allocator at every pass.
  private static var initialCapacity: Int { Swift.max(16, 1024 / MemoryLayout<Entry>.stride) }

  /// The slot of a node whose inputs the search is still visiting.
  private static var beingVisited: Int32 { -2 }

  /// The deepest graph searched recursively: a level takes well under a hundred bytes of stack.
  private static var recursiveSearchDepth: Int { 256 }

  /// Orders the nodes reachable from `root` through inputs that require a gradient.
  init(from root: Variable<T>, recorded: Bool) {
    isRecorded = recorded
    // No path is longer than the root's generation. Shallow graphs are searched recursively,
    // with no stack to allocate; both searches give the same order.
    if root.generation <= Self.recursiveSearchDepth {
      search(from: root)
    } else {
      searchIteratively(from: root)
    }
  }

  /// Enters `node`, then each operand not entered yet, last first, then finishes `node`.
  private mutating func search(from node: Variable<T>) {
    node.gradientSlot = Self.beingVisited
    switch node.operands.unretained {
    case .none: break
    case .one(let a), .variableAndConstant(let a), .constantAndVariable(let a):
      searchIfNew(a)
    case .two(let a, let b):
      searchIfNew(b)
      searchIfNew(a)
    case .many:
      for input in node.operands.array.reversed() { searchIfNew(.passUnretained(input)) }
    }
    node.gradientSlot = Int32(entries.count)
    entries.append(Entry(node: .passUnretained(node)))
  }

  private mutating func searchIfNew(_ input: Unmanaged<Variable<T>>) {
    input._withUnsafeGuaranteedRef { input in
      if input.requiresGrad && input.gradientSlot == -1 { search(from: input) }
    }
  }

  /// `search(from:)` with a stack of its own, for graphs of any depth.
  private mutating func searchIteratively(from root: Variable<T>) {
    // A node is pushed once to be entered and once more, below its inputs, to be finished. It
    // may be pushed to be entered by several consumers: the first entry counts.
    var stack: [(node: Unmanaged<Variable<T>>, finish: Bool)] = [(.passUnretained(root), false)]
    stack.reserveCapacity(32)
    while let (entry, finish) = stack.popLast() {
      entry._withUnsafeGuaranteedRef { node in
        if finish {
          node.gradientSlot = Int32(entries.count)
          entries.append(Entry(node: entry))
          return
        }
        guard node.gradientSlot == -1 else { return }
        node.gradientSlot = Self.beingVisited
        stack.append((entry, true))
        switch node.operands.unretained {
        case .none: break
        case .one(let a), .variableAndConstant(let a), .constantAndVariable(let a):
          Self.enter(a, onto: &stack)
        case .two(let a, let b):
          Self.enter(a, onto: &stack)
          Self.enter(b, onto: &stack)
        case .many: node.operands.forEachVariable { Self.enter(.passUnretained($0), onto: &stack) }
        }
      }
    }
  }

  /// Pushes `input` to be entered if it requires a gradient and has not been entered yet.
  private static func enter(
    _ input: Unmanaged<Variable<T>>,
    onto stack: inout [(node: Unmanaged<Variable<T>>, finish: Bool)]
  ) {
    if input._withUnsafeGuaranteedRef({ $0.requiresGrad && $0.gradientSlot == -1 }) {
      stack.append((input, false))
    }
  }

  /// Runs `body` on every node, consumers first, with its complete gradient, or without one for
  /// a node no gradient reached. Every node's slot is -1 again afterwards.
  mutating func walk(_ body: (Variable<T>, inout BackwardWalk<T>) -> Void) {
    var i = entries.count
    while i > 0 {
      i -= 1
      entries[i].node._withUnsafeGuaranteedRef { node in
        body(node, &self)
        node.gradientSlot = -1
      }
    }
  }

  /// Whether `node`'s gradient is a plain number kept in `entries`.
  func holdsScalar(_ node: Variable<T>) -> Bool { !isRecorded && node.shape.isScalar }

  /// Adds `gradient` to what the scalar `node` has gathered in an unrecorded pass.
  // Inlined into the scalar rules, which deliver one or two gradients per node.
  @inline(__always)
  mutating func deliver(_ gradient: T, to node: Variable<T>) {
    guard holdsScalar(node) else { return deliver(.value(Tensor(gradient)), to: node) }
    let slot = Self.slot(of: node)
    if entries[slot].hasGradient {
      entries[slot].scalarGradient += gradient
    } else {
      entries[slot].scalarGradient = gradient
      entries[slot].hasGradient = true
    }
  }

  /// Adds `gradient` to what `node` has gathered.
  mutating func deliver(_ gradient: Adjoint<T>, to node: Variable<T>) {
    if holdsScalar(node), case .value(let t) = gradient { return deliver(t.scalarValue, to: node) }
    let slot = Self.slot(of: node)
    guard entries[slot].hasGradient, let pending = gradients[place(of: slot)] else {
      gradients[place(of: slot)] = gradient
      entries[slot].hasGradient = true
      return
    }
    switch (pending, gradient) {
    case (.value(let a), .value(let b)): gradients[place(of: slot)] = .value(a.adding(b))
    default: gradients[place(of: slot)] = .recorded(pending.variable + gradient.variable)
    }
  }

  /// The place in `gradients` of the node at `slot`, made at the first request.
  private mutating func place(of slot: Int) -> Int {
    if entries[slot].gradientIndex < 0 {
      entries[slot].gradientIndex = Int32(gradients.count)
      gradients.append(nil)
    }
    return Int(entries[slot].gradientIndex)
  }

  /// Adds `gradient` to element `i` of what the vector `node` has gathered in an unrecorded
  /// pass: the backward of indexing, with no one-hot tensor made for each element read.
  mutating func deliver(_ gradient: T, toElement i: Int, of node: Variable<T>) {
    precondition(!isRecorded, "a recorded pass delivers variables")
    let slot = Self.slot(of: node)
    let place = place(of: slot)
    // Taken out while it changes, so its elements are uniquely held and updated in place.
    if entries[slot].hasGradient, case .value(var pending)? = gradients[place].take() {
      pending.vectorElements[i] += gradient
      gradients[place] = .value(pending)
      return
    }
    var elements = [T](repeating: 0, count: node.shape.count)
    elements[i] = gradient
    entries[slot].hasGradient = true
    gradients[place] = .value(Tensor(shape: node.shape, scalarValue: 0, vectorElements: elements))
  }

  /// The complete gradient of the scalar `node` being walked (`holdsScalar`), nil when none
  /// reached it.
  func scalarGradient(of node: Variable<T>) -> T? {
    let entry = entries[Self.slot(of: node)]
    return entry.hasGradient ? entry.scalarGradient : nil
  }

  /// The complete gradient of the node being walked when `holdsScalar` is false, nil when none
  /// reached it. The walk lets go of it, so it is freed once used.
  mutating func takeGradient(of node: Variable<T>) -> Adjoint<T>? {
    let slot = Self.slot(of: node)
    guard entries[slot].hasGradient else { return nil }
    return gradients[Int(entries[slot].gradientIndex)].take()
  }

  private static func slot(of node: Variable<T>) -> Int {
    let slot = Int(node.gradientSlot)
    precondition(slot >= 0, "a gradient for a node outside the backward pass")
    return slot
  }
}

/// The entries of a backward pass in one growing buffer: reading or updating one is a load or a
/// store, without an array's uniqueness check at each change (they showed at every gradient
/// delivered).
struct EntryBuffer<Element>: ~Copyable {
  private var base: UnsafeMutablePointer<Element>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int) {
    base = .allocate(capacity: capacity)
    self.capacity = capacity
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  @inline(__always)
  mutating func append(_ element: Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count += 1
  }

  @inline(never)
  private mutating func grow() {
    let larger = UnsafeMutablePointer<Element>.allocate(capacity: 2 * capacity)
    larger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = larger
    capacity *= 2
  }

  subscript(i: Int) -> Element {
    unsafeAddress {
      precondition(i >= 0 && i < count, "entry \(i) of \(count)")
      return UnsafePointer(base + i)
    }
    nonmutating unsafeMutableAddress {
      precondition(i >= 0 && i < count, "entry \(i) of \(count)")
      return base + i
    }
  }
}
