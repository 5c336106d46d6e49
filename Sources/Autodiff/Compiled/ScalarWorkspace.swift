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
  /// The tangent count per register of the last sweep that wrote tangents (0: none yet).
  let tangentWidth: UnsafeMutablePointer<Int>
  let count: Int
  let dimension: Int
  /// The tape every sweep runs (see `ScalarCombinedTape`) and the
  /// terms of its linear combinations.
  let combined: UnsafeMutableBufferPointer<ScalarInstruction>
  let terms: UnsafeMutablePointer<ScalarTerm>

  /// The workspace of `tape`, its registers holding the program's constants and the
  /// combined tape's added ones.
  init(tape: ScalarTape, program: Program<T>) {
    let n = program.dimension
    self.init(
      registerCount: tape.registerCount + tape.combined.constants.count,
      instructionCount: tape.instructions.count, dimension: n, combined: tape.combined)
    for (k, v) in program.registerInitial.enumerated() { values[n + k] = v }
    for (m, constant) in tape.combined.constants.enumerated() {
      values[tape.registerCount + m] = constant.value(values)
    }
  }

  init(registerCount: Int, instructionCount: Int, dimension: Int) {
    self.init(
      registerCount: registerCount, instructionCount: instructionCount, dimension: dimension,
      combined: ScalarCombinedTape(instructions: [], terms: [], constants: []))
  }

  private init(
    registerCount: Int, instructionCount: Int, dimension: Int, combined: ScalarCombinedTape
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
    tangentWidth = .allocate(capacity: 1)
    tangentWidth.initialize(to: 0)
    self.combined = .allocate(capacity: combined.instructions.count)
    _ = self.combined.initialize(from: combined.instructions)
    terms = .allocate(capacity: combined.terms.count)
    terms.initialize(from: combined.terms, count: combined.terms.count)
  }

  /// Readies the tangents for a sweep carrying `width` per register. Sweeps write tangents only
  /// for instruction results and seed only the inputs', so the tangents of constants and of the
  /// sink, read with a zero partial, stay 0 as long as the width does not change. A sweep of
  /// another width left other registers' tangents in those places, possibly infinite or NaN
  /// (0·NaN would poison every later derivative), so they are cleared when it changes.
  @inline(__always)
  func prepareTangents(width: Int) {
    guard tangentWidth.pointee != width else { return }
    tangents.update(repeating: 0, count: count * Swift.max(dimension, 1))
    tangentWidth.pointee = width
  }

  func deallocate() {
    values.deallocate()
    partials.deallocate()
    tangents.deallocate()
    tangentWidth.deallocate()
    combined.deallocate()
    terms.deallocate()
  }
}
