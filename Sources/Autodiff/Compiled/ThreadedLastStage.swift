import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The fused last stage of a long group (see `Machine.fusedLastStage`) run in fixed blocks of
/// `blockLength` elements shared among threads, each thread with its own chunk scratch and its
/// own partial sum.
///
/// The result does not depend on the number of threads, to the last bit: each block sums its
/// chunks from zero, and the block sums are added in block order. Input adjoints are written
/// by the blocks in two phases, even blocks and then odd ones: blocks of one phase are a whole
/// block apart, further than any operand's offset reaches, so they never write the same
/// element, and where neighbouring blocks do (shifted slices), the even block's writes come
/// first, as in a single sequential pass. Clearing follows the same split: an even block clears
/// its elements and the next `inputHigh` ones, an odd block the rest of its own.
final class ThreadedLastStage<T: DifferentiableScalar>: BlockJob {
  /// Groups shorter than this run as one sequential pass.
  static var minimumLength: Int { 1 << 16 }
  static var blockLength: Int { 64 * chunkSize }

  let program: Program<T>
  let stage: Stage
  let blockCount: Int
  /// Threads this instance has workspaces for.
  let workspaces: Int
  /// The program's instructions, with the last stage's sum (and its producer's reduction)
  /// redirected into region `partial`.
  let elements: UnsafeMutableBufferPointer<ElementInstruction>
  /// Per workspace: chunk scratch (four quantities), four partial-sum slots, region bases.
  let locals: UnsafeMutableBufferPointer<T>
  let partials: UnsafeMutableBufferPointer<T>
  let bases: UnsafeMutablePointer<UnsafeMutablePointer<T>>
  /// Each block's sum and then each block's tangent sum.
  let blockSums: UnsafeMutableBufferPointer<T>
  /// The scratch of `product` instructions, which a group never runs: a valid pointer.
  let scratch: UnsafeMutablePointer<T>

  // One call's state.
  var withTangents = false
  let nextTicket = Atomic<Int>(0)
  let nextWorkspace = Atomic<Int>(0)
  let finishedEven = Atomic<Int>(0)

  /// The threaded form of `program`'s last stage, when it has one: the stage is a fused last
  /// stage that clears input windows, at least `minimumLength` long, whose adjoint writes
  /// outside the chunk scratch all go to the input through full-length unit-stride operands
  /// reaching less than a block ahead.
  init?(_ program: Program<T>, fusesLastStage: Bool, scratch: UnsafeMutablePointer<T>) {
    guard fusesLastStage, let stage = program.stages.last, stage.isGroup,
      stage.clearsInputWindows, stage.length >= Self.minimumLength,
      stage.inputHigh < Self.blockLength
    else { return nil }
    let group = program.elements[stage.first..<stage.end]
    for i in group {
      var targets: [Operand] = []
      if i.code == .sum {
        if i.aActive && !i.broadcastsAdjoint { targets.append(i.a) }
      } else if !i.skipsReverse {
        if i.aActive && !i.aAliased { targets.append(i.a) }
        if i.code.isBinary && i.bActive && !i.bAliased { targets.append(i.b) }
        if i.cActive && !i.cAliased { targets.append(i.c) }
      }
      for o in targets where o.region != Region.local {
        guard o.region == Region.input, o.stride == 1, o.chunkScale == 1 else { return nil }
      }
    }
    self.program = program
    self.stage = stage
    blockCount = (stage.length + Self.blockLength - 1) / Self.blockLength
    workspaces = BlockWorkers.availableThreads
    self.scratch = scratch

    let output = program.output
    let partial = Operand(region: Region.partial, offset: 0, stride: 0, chunkScale: 0)
    func isOutput(_ o: Operand) -> Bool {
      o.region == output.region && o.offset == output.offset && o.stride == 0
    }
    elements = .allocate(capacity: program.elements.count)
    _ = elements.initialize(from: program.elements)
    for e in stage.first..<stage.end {
      if elements[e].code == .sum && isOutput(elements[e].out) {
        elements[e].out = partial
        elements[e].outAdjoint = partial
      }
      if let target = elements[e].reducesInto, isOutput(target) {
        elements[e].reducesInto = partial
      }
    }
    let localCount = program.localCount
    locals = .allocate(capacity: workspaces * 4 * localCount)
    locals.initialize(repeating: 0)
    partials = .allocate(capacity: workspaces * 4)
    partials.initialize(repeating: 0)
    bases = .allocate(capacity: workspaces * 4 * Region.count)
    for w in 0..<workspaces {
      for kind in 0..<4 {
        let b = bases + (w * 4 + kind) * Region.count
        b[Region.registers] = partials.baseAddress!
        b[Region.input] = partials.baseAddress!
        b[Region.local] =
          localCount > 0 ? locals.baseAddress! + (w * 4 + kind) * localCount : partials.baseAddress!
        b[Region.partial] = partials.baseAddress! + w * 4 + kind
      }
    }
    blockSums = .allocate(capacity: 2 * blockCount)
    blockSums.initialize(repeating: 0)
  }

  deinit {
    elements.deallocate()
    locals.deallocate()
    partials.deallocate()
    bases.deallocate()
    blockSums.deallocate()
  }

  /// Runs the stage on up to `threads` threads with the caller's region bases `shared` (whose
  /// registers and input are read and written in place), the output's adjoint seeded. Sets the
  /// output's value (and tangent) in `shared`.
  func run(shared: Bases<T>, threads: Int, tangents: Bool) {
    withTangents = tangents
    for w in 0..<workspaces {
      for kind in 0..<4 {
        let b = bases + (w * 4 + kind) * Region.count
        b[Region.registers] = shared[kind * Region.count + Region.registers]
        b[Region.input] = shared[kind * Region.count + Region.input]
      }
      // The partial sums' adjoints are the output's.
      let output = program.output
      for kind in 2..<4 {
        partials[w * 4 + kind] = shared[kind * Region.count + output.region][output.offset]
      }
    }
    nextTicket.store(0, ordering: .relaxed)
    nextWorkspace.store(0, ordering: .relaxed)
    finishedEven.store(0, ordering: .relaxed)
    let helpers = min(threads, workspaces) - 1
    let pooled = helpers >= 1 && BlockWorkers.shared.open(self, helpers: helpers)
    runShare()
    if pooled { BlockWorkers.shared.close() }
    var total: T = 0
    var totalTangent: T = 0
    for k in 0..<blockCount {
      total += blockSums[k]
      totalTangent += blockSums[blockCount + k]
    }
    let output = program.output
    shared[output.region][output.offset] = total
    if tangents { shared[Region.count + output.region][output.offset] = totalTangent }
  }

  /// Claims blocks until none is left: the even blocks first, then, once every even block is
  /// done, the odd ones. Workers reach it through `BlockJob`, unspecialised: the common
  /// precisions are specialised here so that they do not run generic code.
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  func runShare() {
    let w = nextWorkspace.wrappingAdd(1, ordering: .relaxed).oldValue
    let b = bases + w * 4 * Region.count
    let machine = Machine(
      elements: elements.baseAddress!,
      structurals: program.structurals.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!,
      stages: program.stages.baseAddress!, stageCount: program.stages.count, values: b,
      tangents: b + Region.count, adjoints: b + 2 * Region.count,
      adjointTangents: b + 3 * Region.count, scratch: scratch, inputCount: program.dimension)
    let evenCount = (blockCount + 1) / 2
    while true {
      let ticket = nextTicket.wrappingAdd(1, ordering: .relaxed).oldValue
      guard ticket < blockCount else { return }
      let even = ticket < evenCount
      if !even {
        while finishedEven.load(ordering: .acquiring) < evenCount { sched_yield() }
      }
      let k = even ? 2 * ticket : 2 * (ticket - evenCount) + 1
      runBlock(k, machine, partial: partials.baseAddress! + w * 4)
      if even { finishedEven.wrappingAdd(1, ordering: .releasing) }
    }
  }

  func runBlock(_ k: Int, _ machine: Machine<T>, partial: UnsafeMutablePointer<T>) {
    let n = program.dimension
    let high = stage.inputHigh
    let start = k * Self.blockLength
    let end = min(stage.length, start + Self.blockLength)
    let isLast = k == blockCount - 1
    let clearFrom = k % 2 == 0 ? start : min(start + high, n)
    let clearTo = isLast ? n : (k % 2 == 0 ? min(end + high, n) : end)
    machine.fusedRun(
      stage, over: start..<end, clearing: clearFrom..<max(clearFrom, clearTo),
      tangents: withTangents)
    blockSums[k] = partial[0]
    blockSums[blockCount + k] = withTangents ? partial[1] : 0
  }
}
