/// The work buffers of the scalar interpreter, sized once for one tape and one dimension.
struct ScalarWorkspace<T: DifferentiableScalar> {
  /// Register values, then register adjoints (`count` each).
  let values: UnsafeMutablePointer<T>
  let adjoints: UnsafeMutablePointer<T>
  /// Up to five local partials per instruction: ∂o/∂a, ∂o/∂b, ∂²o/∂a², ∂²o/∂a∂b, ∂²o/∂b².
  let partials: UnsafeMutablePointer<T>
  /// `dimension` tangents per register (row k of register r at r·n + k), and as many adjoint
  /// tangents: every column of the Hessian in one forward-over-reverse sweep.
  let tangents: UnsafeMutablePointer<T>
  let adjointTangents: UnsafeMutablePointer<T>
  let count: Int
  let dimension: Int
  /// The tape of the value and forward-gradient sweeps (see `ScalarForwardTape`) and the
  /// terms of its linear combinations.
  let forward: UnsafeMutableBufferPointer<ScalarInstruction>
  let terms: UnsafeMutablePointer<ScalarTerm>
  /// The forward tape's added constants: the last registers.
  let addedConstantCount: Int

  /// The workspace of `tape`, its registers holding the program's constants and the
  /// forward tape's added ones.
  init(tape: ScalarTape, program: Program<T>) {
    let n = program.dimension
    self.init(
      registerCount: tape.registerCount + tape.forward.constants.count,
      instructionCount: tape.instructions.count, dimension: n, forward: tape.forward)
    for (k, v) in program.registerInitial.enumerated() { values[n + k] = v }
    for (m, constant) in tape.forward.constants.enumerated() {
      values[tape.registerCount + m] = constant.value(values)
    }
  }

  init(registerCount: Int, instructionCount: Int, dimension: Int) {
    self.init(
      registerCount: registerCount, instructionCount: instructionCount, dimension: dimension,
      forward: ScalarForwardTape(instructions: [], terms: [], constants: []))
  }

  private init(
    registerCount: Int, instructionCount: Int, dimension: Int, forward: ScalarForwardTape
  ) {
    count = registerCount
    self.dimension = dimension
    values = .allocate(capacity: 2 * registerCount)
    values.initialize(repeating: 0, count: 2 * registerCount)
    adjoints = values + registerCount
    partials = .allocate(capacity: 5 * instructionCount)
    partials.initialize(repeating: 0, count: 5 * instructionCount)
    // At least one tangent per register, for Hessian–vector products.
    let width = Swift.max(dimension, 1)
    tangents = .allocate(capacity: 2 * registerCount * width)
    tangents.initialize(repeating: 0, count: 2 * registerCount * width)
    adjointTangents = tangents + registerCount * width
    self.forward = .allocate(capacity: forward.instructions.count)
    _ = self.forward.initialize(from: forward.instructions)
    terms = .allocate(capacity: forward.terms.count)
    terms.initialize(from: forward.terms, count: forward.terms.count)
    addedConstantCount = forward.constants.count
  }

  func deallocate() {
    values.deallocate()
    partials.deallocate()
    tangents.deallocate()
    forward.deallocate()
    terms.deallocate()
  }
}
