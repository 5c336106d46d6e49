extension Lowering {
  /// The length an element-wise group runs over for instruction `i`, or nil for a structural one.
  func groupLength(_ instruction: Instruction) -> Int? {
    switch instruction {
    case .element(_, let out, _, _): return values[out].length
    case .sum(_, let a): return values[a].length
    case .structural: return nil
    }
  }

  func operands(_ instruction: Instruction) -> [Int] {
    switch instruction {
    case .element(.multiplySquareAdd, let out, let a, let b): return [a, b, thirdOperand[out]!]
    case .element(_, _, let a, let b): return [a, b]
    case .sum(_, let a): return [a]
    case .structural(_, _, _, let src, _, _): return [src]
    }
  }

  func output(_ instruction: Instruction) -> Int {
    switch instruction {
    case .element(_, let out, _, _): return out
    case .sum(let out, _): return out
    case .structural(_, let dst, _, _, _, _): return dst
    }
  }

  /// Splits the instructions into stages, decides which values stay chunk-local, lays out the
  /// storage and emits the program.
  func schedule(output result: Int, dimension: Int) -> Program<T> {
    // 1. Stages: maximal runs of element-wise instructions over the same length whose operands
    //    are complete before the run starts, or made earlier in the run element by element.
    var stageOf = [Int](repeating: -1, count: instructions.count)
    var stageRanges: [(first: Int, end: Int, length: Int?)] = []
    var producedInStage: Set<Int> = []
    var sumsInStage: Set<Int> = []
    for (i, instruction) in instructions.enumerated() {
      let length = groupLength(instruction)
      var joins = false
      if let length, let last = stageRanges.last, last.length == length {
        joins = operands(instruction).allSatisfy { u in
          let root = resolve(u).root
          guard producedInStage.contains(root) else { return true }
          if case .view = values[u].kind { return false }
          return !sumsInStage.contains(root)
        }
      }
      if joins {
        stageRanges[stageRanges.count - 1].end = i + 1
      } else {
        stageRanges.append((i, i + 1, length))
        producedInStage = []
        sumsInStage = []
      }
      producedInStage.insert(output(instruction))
      if case .sum(let out, _) = instruction { sumsInStage.insert(out) }
      stageOf[i] = stageRanges.count - 1
    }

    // 2. A value made by an element-wise instruction is local when it is read only, directly,
    //    by element-wise instructions of its own stage.
    var producer = [Int](repeating: -1, count: values.count)
    for (i, instruction) in instructions.enumerated() { producer[output(instruction)] = i }
    var local = [Bool](repeating: false, count: values.count)
    for (i, instruction) in instructions.enumerated() {
      if case .element(_, let out, _, _) = instruction, stageRanges[stageOf[i]].length != nil {
        local[out] = true
      }
    }
    local[resolve(result).root] = false
    for (i, instruction) in instructions.enumerated() {
      for u in operands(instruction) {
        let root = resolve(u).root
        guard local[root] else { continue }
        let direct: Bool
        if case .view = values[u].kind { direct = false } else { direct = true }
        let isStructural = groupLength(instruction) == nil
        if !direct || isStructural || stageOf[producer[root]] != stageOf[i] { local[root] = false }
      }
    }

    // 3. Storage.
    var location = [Location?](repeating: nil, count: values.count)
    var registerInitial: [T] = []
    var localCount = 0
    for (v, value) in values.enumerated() {
      switch value.kind {
      case .input(let offset):
        location[v] = Location(region: Region.input, offset: offset)
      case .constant(let elements):
        location[v] = Location(region: Region.registers, offset: registerInitial.count)
        registerInitial += elements
      case .computed:
        // A value fused into its reader is never stored.
        if producer[v] < 0 { break }
        if local[v] {
          location[v] = Location(region: Region.local, offset: localCount)
          localCount += chunkSize
        } else {
          location[v] = Location(region: Region.registers, offset: registerInitial.count)
          registerInitial += repeatElement(0, count: value.length)
        }
      case .view:
        break
      }
    }
    func place(_ v: Int) -> Location {
      let (root, offset) = resolve(v)
      let base = location[root]!
      return Location(region: base.region, offset: base.offset + offset)
    }
    func operand(_ v: Int, over length: Int) -> Operand {
      let at = place(v)
      if values[v].length == 1 {
        return Operand(region: at.region, offset: at.offset, stride: 0, chunkScale: 0)
      }
      return Operand(
        region: at.region, offset: at.offset, stride: 1,
        chunkScale: at.region == Region.local ? 0 : 1)
    }

    // 4. Instructions.
    var elements: [ElementInstruction] = []
    var structurals: [StructuralInstruction] = []
    var stages: [Stage] = []
    var scratchCount = 0
    for range in stageRanges {
      if let length = range.length {
        let first = elements.count
        for instruction in instructions[range.first..<range.end] {
          switch instruction {
          case .element(let code, let out, let a, let b):
            elements.append(
              ElementInstruction(
                code: code, out: operand(out, over: length), a: operand(a, over: length),
                b: operand(b, over: length), aActive: values[a].active,
                bActive: code.isBinary && code != .powerConstantExponent && values[b].active,
                outIsLocal: local[out], outAdjoint: operand(out, over: length)))
            if code == .multiplySquareAdd, let c = thirdOperand[out] {
              elements[elements.count - 1].c = operand(c, over: length)
              elements[elements.count - 1].cActive = values[c].active
            }
          case .sum(let out, let a):
            elements.append(
              ElementInstruction(
                code: .sum, out: operand(out, over: length), a: operand(a, over: length),
                b: operand(a, over: length), aActive: values[a].active, bActive: false,
                outIsLocal: false, outAdjoint: operand(out, over: length)))
          case .structural:
            preconditionFailure("structural instruction in an element-wise group")
          }
        }
        var stage = Stage(
          isGroup: true, first: first, end: elements.count, length: length, structural: 0)
        planAdjointWrites(&elements[first..<elements.count], stage: &stage)
        if length > 1 { planEagerReverse(&elements[first..<elements.count]) }
        stages.append(stage)
      } else {
        guard
          case .structural(let code, let dst, let dstOffset, let src, let count, let times) =
            instructions[range.first]
        else { preconditionFailure("element-wise instruction outside a group") }
        var at = place(dst)
        at.offset += dstOffset
        structurals.append(
          StructuralInstruction(
            code: code, src: place(src), dst: at, count: count, times: times,
            srcActive: values[src].active, scratch: scratchCount))
        if code == .product { scratchCount += 2 * (count + 1) }
        stages.append(
          Stage(
            isGroup: false, first: 0, end: 0, length: 0, structural: structurals.count - 1))
      }
    }
    if let last = stages.indices.last, stages[last].isGroup, stages[last].length > 1,
      fusesAsLastStage(elements[stages[last].first..<stages[last].end], output: place(result))
    {
      planFirstInputWrite(&elements[stages[last].first..<stages[last].end], stage: &stages[last])
      if stages[last].firstInputWriter >= 0 {
        stages[last].inputSaveBuffer = localCount
        localCount += 2 * chunkSize
      }
    }
    return Program(
      dimension: dimension, elements: elements, structurals: structurals, stages: stages,
      registerInitial: registerInitial, localCount: localCount, scratchCount: scratchCount,
      output: place(result))
  }
}
