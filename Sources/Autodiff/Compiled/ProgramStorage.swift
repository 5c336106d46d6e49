/// A lowered program, immutable once built and shared by every copy of a compiled function.
/// Instructions sit in manually allocated buffers so that the sweeps read them without
/// reference counting or bounds checks.
final class Program<T: DifferentiableScalar>: @unchecked Sendable {
  let dimension: Int
  let elements: UnsafeMutableBufferPointer<ElementInstruction>
  let structurals: UnsafeMutableBufferPointer<StructuralInstruction>
  let stages: UnsafeMutableBufferPointer<Stage>
  /// The register file as it starts: constants in place, zeros elsewhere.
  let registerInitial: [T]
  let localCount: Int
  let scratchCount: Int
  let output: Location

  init(
    dimension: Int, elements: [ElementInstruction], structurals: [StructuralInstruction],
    stages: [Stage], registerInitial: [T], localCount: Int, scratchCount: Int, output: Location
  ) {
    self.dimension = dimension
    self.elements = .allocate(capacity: elements.count)
    _ = self.elements.initialize(from: elements)
    self.structurals = .allocate(capacity: structurals.count)
    _ = self.structurals.initialize(from: structurals)
    self.stages = .allocate(capacity: stages.count)
    _ = self.stages.initialize(from: stages)
    self.registerInitial = registerInitial
    self.localCount = localCount
    self.scratchCount = scratchCount
    self.output = output
  }

  deinit {
    elements.deallocate()
    structurals.deallocate()
    stages.deallocate()
  }
}
