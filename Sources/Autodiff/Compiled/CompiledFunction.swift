/// A scalar function of fixed-size inputs, recorded once and then evaluated at any point —
/// value, gradient, Hessian–vector product, Hessian — without rebuilding a graph and without
/// allocating.
///
/// The closure runs once, on `Variable`s, when the function is made; the recorded graph is
/// lowered to a flat program (see `Lowering`) that later calls interpret. Branches the closure
/// takes in Swift code are frozen at recording; branches inside the primitives (`min`, `max`,
/// `abs`) are decided again at every point.
///
/// An instance owns work buffers and is therefore **not thread-safe**: give each thread its
/// own `copy()`, which shares the immutable program.
public final class CompiledFunction<T: DifferentiableScalar> {
  let program: Program<T>
  /// Values, tangents, adjoints and adjoint tangents of the register file, one after another.
  let registers: UnsafeMutableBufferPointer<T>
  /// The same four quantities for the chunk-local scratch.
  let locals: UnsafeMutableBufferPointer<T>
  let scratch: UnsafeMutableBufferPointer<T>
  /// Adjoints of the input during a Hessian–vector product (the gradient is not returned).
  let inputAdjoint: UnsafeMutableBufferPointer<T>
  /// The unit direction of each Hessian column.
  let direction: UnsafeMutableBufferPointer<T>
  /// Region bases for values, tangents, adjoints and adjoint tangents, `Region.count` each.
  let bases: UnsafeMutablePointer<UnsafeMutablePointer<T>>
  /// Stands in for the caller's buffers when the dimension is 0.
  let empty: UnsafeMutablePointer<T>
  /// Whether the last stage can run forward and reverse in one pass (see
  /// `Machine.fusedLastStage`): it is an element-wise group, its only result kept is a sum, and
  /// that sum is the output.
  let fusesLastStage: Bool
  /// Whether that fused last stage also clears the input's adjoints, window by window.
  let clearsInputWindows: Bool
  /// The fused last stage in blocks over several threads, for long groups that allow it.
  let threaded: ThreadedLastStage<T>?
  /// The all-scalar form of the program, when it has one, with its instructions and its
  /// work buffers.
  let scalarTape: UnsafeMutableBufferPointer<ScalarInstruction>?
  let scalarWork: ScalarWorkspace<T>
  let scalarOutput: Int

  /// The most threads one gradient or Hessian–vector product may use (1 turns threading off).
  /// Only a long element-wise chain (2¹⁶ elements or more) ending in its sum is split, in fixed
  /// blocks, so that its results are the same to the last bit whatever this count. Defaults to
  /// the processors online, at most four.
  public var threadCount = BlockWorkers.availableThreads

  /// Number of scalar unknowns: the length of the flat point.
  public var dimension: Int { program.dimension }

  init(program: Program<T>) {
    self.program = program
    let r = program.registerInitial.count
    registers = .allocate(capacity: 4 * r)
    registers.initialize(repeating: 0)
    for (k, v) in program.registerInitial.enumerated() { registers[k] = v }
    locals = .allocate(capacity: 4 * program.localCount)
    locals.initialize(repeating: 0)
    scratch = .allocate(capacity: program.scratchCount)
    scratch.initialize(repeating: 0)
    inputAdjoint = .allocate(capacity: program.dimension)
    inputAdjoint.initialize(repeating: 0)
    direction = .allocate(capacity: program.dimension)
    direction.initialize(repeating: 0)
    empty = .allocate(capacity: 1)
    empty.initialize(to: 0)
    if let tape = ScalarTape(program) {
      let instructions = UnsafeMutableBufferPointer<ScalarInstruction>.allocate(
        capacity: tape.instructions.count)
      _ = instructions.initialize(from: tape.instructions)
      scalarTape = instructions
      scalarWork = ScalarWorkspace(tape: tape, program: program)
      scalarOutput = tape.output
    } else {
      scalarTape = nil
      scalarWork = ScalarWorkspace(registerCount: 0, instructionCount: 0, dimension: 0)
      scalarOutput = 0
    }
    if let last = program.stages.last, last.isGroup {
      fusesLastStage = fusesAsLastStage(
        program.elements[last.first..<last.end], output: program.output)
    } else {
      fusesLastStage = false
    }
    clearsInputWindows = fusesLastStage && program.stages.last!.clearsInputWindows
    threaded = ThreadedLastStage(
      program, fusesLastStage: fusesLastStage, scratch: scratch.baseAddress ?? empty)
    bases = .allocate(capacity: 4 * Region.count)
    for kind in 0..<4 {
      bases[kind * Region.count + Region.registers] =
        registers.baseAddress.map { $0 + kind * r }
        ?? empty
      bases[kind * Region.count + Region.local] =
        locals.baseAddress.map { $0 + kind * program.localCount } ?? empty
      bases[kind * Region.count + Region.input] = empty
      bases[kind * Region.count + Region.partial] = empty
    }
  }

  /// Records `body` once. `inputs` are the shapes of the function's arguments; the flat point
  /// x concatenates them in order (dimension = sum of counts). Throws `ShapeError` when the
  /// body combines shapes that do not fit, and `CompiledFunctionError` when the result is not a
  /// scalar.
  ///
  /// Leaves that `body` makes itself are constants, even if they ask for a gradient.
  public convenience init(inputs: [Shape], _ body: ([Variable<T>]) throws -> Variable<T>) throws {
    let leaves = inputs.enumerated().map { k, shape in
      Variable<T>(Tensor(repeating: 0, shape: shape), requiresGrad: true, name: "input \(k)")
    }
    let result = try GradMode.$isEnabled.withValue(true) { try body(leaves) }
    guard result.shape.isScalar else {
      throw CompiledFunctionError(
        "the function must return a scalar, but it returns a \(result.shape)")
    }
    self.init(program: Lowering.program(inputs: leaves, result: result))
  }

  /// Records `body` on one vector input of length `dimension`.
  public convenience init(dimension: Int, _ body: (Variable<T>) throws -> Variable<T>) throws {
    try self.init(inputs: [.vector(dimension)]) { try body($0[0]) }
  }

  /// Another instance sharing this one's program, with its own work buffers: for use on
  /// another thread.
  public func copy() -> CompiledFunction<T> { CompiledFunction(program: program) }

  deinit {
    registers.deallocate()
    locals.deallocate()
    scratch.deallocate()
    inputAdjoint.deallocate()
    direction.deallocate()
    empty.deallocate()
    bases.deallocate()
    scalarTape?.deallocate()
    scalarWork.deallocate()
  }

  var machine: Machine<T> {
    Machine(
      elements: program.elements.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!,
      structurals: program.structurals.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!,
      stages: program.stages.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!,
      stageCount: program.stages.count,
      values: bases, tangents: bases + Region.count, adjoints: bases + 2 * Region.count,
      adjointTangents: bases + 3 * Region.count, scratch: scratch.baseAddress ?? empty,
      inputCount: program.dimension)
  }

  @inline(__always)
  func bind(_ kind: Int, _ buffer: UnsafeBufferPointer<T>) {
    precondition(
      buffer.count == program.dimension,
      "expected \(program.dimension) elements, got \(buffer.count)")
    bases[kind * Region.count + Region.input] =
      buffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) } ?? empty
  }

  @inline(__always)
  func bind(_ kind: Int, _ buffer: UnsafeMutableBufferPointer<T>) {
    bind(kind, UnsafeBufferPointer(buffer))
  }

  @inline(__always)
  func at(_ kind: Int, _ location: Location) -> UnsafeMutablePointer<T> {
    bases[kind * Region.count + location.region] + location.offset
  }

  /// Clears register adjoints (and adjoint tangents) and, unless the fused last stage clears
  /// them window by window, the bound input adjoints; then seeds the output's adjoint with 1.
  @inline(__always)
  func seed(tangents: Bool) {
    let r = program.registerInitial.count
    (registers.baseAddress! + 2 * r).update(repeating: 0, count: tangents ? 2 * r : r)
    if !clearsInputWindows {
      bases[2 * Region.count + Region.input].update(repeating: 0, count: program.dimension)
      if tangents {
        bases[3 * Region.count + Region.input].update(repeating: 0, count: program.dimension)
      }
    }
    at(2, program.output).pointee += 1
  }

  /// f(x).
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func value(at x: UnsafeBufferPointer<T>) -> T {
    if let tape = scalarTape {
      return scalarValue(tape, x)
    }
    bind(0, x)
    machine.forward(tangents: false)
    return at(0, program.output).pointee
  }

  /// Writes ∇f(x) into `g` and returns f(x).
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func gradient(at x: UnsafeBufferPointer<T>, into g: UnsafeMutableBufferPointer<T>) -> T {
    if let tape = scalarTape {
      return scalarGradient(tape, x, g)
    }
    return machineGradient(at: x, into: g)
  }

  /// `gradient(at:into:)` without a scalar tape. Not inlined: inlined, its literal 1 makes the
  /// unspecialised entry look up T's literal type on every call, scalar tape or not.
  @inline(never)
  func machineGradient(at x: UnsafeBufferPointer<T>, into g: UnsafeMutableBufferPointer<T>) -> T {
    bind(0, x)
    bind(2, g)
    let m = machine
    if fusesLastStage {
      m.forward(tangents: false, stages: m.stageCount - 1)
      seed(tangents: false)
      if let threaded {
        threaded.run(shared: bases, threads: threadCount, tangents: false)
      } else {
        m.fusedLastStage(tangents: false, clearingInputs: clearsInputWindows)
      }
      m.reverse(tangents: false, stages: m.stageCount - 1)
      return at(0, program.output).pointee
    }
    m.forward(tangents: false)
    let f = at(0, program.output).pointee
    seed(tangents: false)
    m.reverse(tangents: false)
    return f
  }

  /// Writes H(x)·v into `hv` and returns f(x).
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  @discardableResult
  public func hessianVectorProduct(
    at x: UnsafeBufferPointer<T>, _ v: UnsafeBufferPointer<T>,
    into hv: UnsafeMutableBufferPointer<T>
  ) -> T {
    if let tape = scalarTape {
      return scalarHessianVectorProduct(tape, x, v, hv)
    }
    bind(0, x)
    bind(1, v)
    bind(2, inputAdjoint)
    bind(3, hv)
    let m = machine
    if fusesLastStage {
      m.forward(tangents: true, stages: m.stageCount - 1)
      seed(tangents: true)
      if let threaded {
        threaded.run(shared: bases, threads: threadCount, tangents: true)
      } else {
        m.fusedLastStage(tangents: true, clearingInputs: clearsInputWindows)
      }
      m.reverse(tangents: true, stages: m.stageCount - 1)
      return at(0, program.output).pointee
    }
    m.forward(tangents: true)
    let f = at(0, program.output).pointee
    seed(tangents: true)
    m.reverse(tangents: true)
    return f
  }

  /// Writes the Hessian at x into `h`, row-major n×n: one Hessian–vector product per column.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  public func hessian(at x: UnsafeBufferPointer<T>, into h: UnsafeMutableBufferPointer<T>) {
    let n = program.dimension
    precondition(h.count == n * n, "expected \(n * n) elements for the Hessian, got \(h.count)")
    if let tape = scalarTape {
      return scalarHessian(tape, x, h)
    }
    for k in 0..<n {
      direction.update(repeating: 0)
      direction[k] = 1
      // H is symmetric, so column k is row k.
      hessianVectorProduct(
        at: x, UnsafeBufferPointer(direction),
        into: UnsafeMutableBufferPointer(rebasing: h[(k * n)..<(k * n + n)]))
    }
  }

  // MARK: Array conveniences (no allocation when the output already has the right size)

  public func value(_ x: [T]) -> T {
    x.withUnsafeBufferPointer { value(at: $0) }
  }

  public func gradient(_ x: [T], into g: inout [T]) -> T {
    if g.count != dimension { g = [T](repeating: 0, count: dimension) }
    return x.withUnsafeBufferPointer { xp in
      g.withUnsafeMutableBufferPointer { gradient(at: xp, into: $0) }
    }
  }

  public func hessian(_ x: [T], into h: inout [T]) {
    if h.count != dimension * dimension { h = [T](repeating: 0, count: dimension * dimension) }
    x.withUnsafeBufferPointer { xp in
      h.withUnsafeMutableBufferPointer { hessian(at: xp, into: $0) }
    }
  }

  public func hessianVectorProduct(_ x: [T], _ v: [T], into hv: inout [T]) {
    if hv.count != dimension { hv = [T](repeating: 0, count: dimension) }
    x.withUnsafeBufferPointer { xp in
      v.withUnsafeBufferPointer { vp in
        hv.withUnsafeMutableBufferPointer { _ = hessianVectorProduct(at: xp, vp, into: $0) }
      }
    }
  }
}

/// Whether an element-wise group, as the program's last stage, can run forward and reverse in
/// one pass (see `Machine.fusedLastStage`): its only result kept is a sum, and that sum is the
/// output.
func fusesAsLastStage(_ group: some Collection<ElementInstruction>, output: Location) -> Bool {
  group.allSatisfy { e in
    e.outIsLocal
      || (e.code == .sum && e.out.region == output.region && e.out.offset == output.offset)
  }
}

/// A function that cannot be compiled, with the reason.
public struct CompiledFunctionError: Error, CustomStringConvertible, Sendable {
  public let description: String
  init(_ description: String) { self.description = description }
}
