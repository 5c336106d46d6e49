/// The interpreter: forward and reverse sweeps of a program over storage whose region bases
/// the caller has set. Plain pointers only, so a sweep allocates nothing.
struct Machine<T: DifferentiableScalar> {
  let elements: UnsafeMutablePointer<ElementInstruction>
  let structurals: UnsafeMutablePointer<StructuralInstruction>
  let stages: UnsafeMutablePointer<Stage>
  let stageCount: Int
  let values: Bases<T>
  let tangents: Bases<T>
  let adjoints: Bases<T>
  let adjointTangents: Bases<T>
  let scratch: UnsafeMutablePointer<T>
  /// Elements of the input region (the function's dimension).
  let inputCount: Int

  /// Computes every stored value, and with `tangents` every stored tangent too, for the stages
  /// before `end` (all of them by default).
  func forward(tangents withTangents: Bool, stages end: Int? = nil) {
    for k in 0..<(end ?? stageCount) {
      let stage = stages[k]
      guard stage.isGroup else {
        let s = structurals[stage.structural]
        if s.code == .product {
          productForward(s, tangents: withTangents)
        } else {
          linear(s, values)
          if withTangents { linear(s, tangents) }
        }
        continue
      }
      for e in stage.first..<stage.end where elements[e].code == .sum {
        elements[e].out.pointer(values, chunk: 0).pointee = 0
        if withTangents { elements[e].out.pointer(tangents, chunk: 0).pointee = 0 }
      }
      var start = 0
      while start < stage.length {
        let count = min(chunkSize, stage.length - start)
        for e in stage.first..<stage.end {
          forward(elements + e, start: start, count: count, tangents: withTangents)
        }
        start += chunkSize
      }
    }
  }

  @inline(__always)
  func forward(
    _ i: UnsafeMutablePointer<ElementInstruction>, start: Int, count: Int,
    tangents withTangents: Bool
  ) {
    if i.pointee.code == .sum {
      if i.pointee.isReducedByProducer { return }
      let (out, operand) = (i.pointee.out, i.pointee.a)
      let a = operand.pointer(values, chunk: start)
      let stride = operand.stride
      out.pointer(values, chunk: 0).pointee += chunkSum(count) { j in a[j &* stride] }
      if withTangents {
        let at = operand.pointer(tangents, chunk: start)
        out.pointer(tangents, chunk: 0).pointee += chunkSum(count) { j in at[j &* stride] }
      }
    } else if i.pointee.code == .multiplySquareAdd {
      let kernel = multiplySquareAdd(i, start: start, count: count)
      if withTangents { kernel.tangent() } else { kernel.value() }
    } else if withTangents {
      TangentKernel(
        instruction: i, values: values, tangents: tangents, start: start, count: count
      ).dispatch(i.pointee.code)
    } else {
      ValueKernel(instruction: i, values: values, start: start, count: count).dispatch(
        i.pointee.code)
    }
  }

  /// Accumulates adjoints (and with `tangents`, adjoint tangents) from the output back to the
  /// inputs. Expects `forward` to have run and the adjoint storage outside the chunk scratch to
  /// be zero apart from the seed.
  func reverse(tangents withTangents: Bool, stages end: Int? = nil) {
    var k = end ?? stageCount
    while k > 0 {
      k -= 1
      let stage = stages[k]
      guard stage.isGroup else {
        let s = structurals[stage.structural]
        if s.code == .product {
          productReverse(s, tangents: withTangents)
        } else {
          linearTranspose(s, adjoints)
          if withTangents { linearTranspose(s, adjointTangents) }
        }
        continue
      }
      fillBroadcastAdjoints(stage, tangents: withTangents)
      var start = 0
      while start < stage.length {
        let count = min(chunkSize, stage.length - start)
        // Locals were overwritten by later chunks: recompute this chunk's.
        for e in stage.first..<stage.end where elements[e].outIsLocal {
          let i = elements + e
          // A result added straight into its sum is never read back.
          if i.pointee.reducesInto != nil { continue }
          forward(i, start: start, count: count, tangents: withTangents)
          if i.pointee.clearsOutAdjoint {
            clearAdjoint(i, start: start, count: count, withTangents)
          }
        }
        var e = stage.end
        while e > stage.first {
          e -= 1
          reverse(elements + e, start: start, count: count, tangents: withTangents)
        }
        start += chunkSize
      }
    }
  }

  /// Runs the last stage, an element-wise group whose sum is the output, forward and then in
  /// reverse chunk by chunk: the output's adjoint is the seed, known before the group runs, so
  /// its locals are computed once instead of twice. Expects the adjoints seeded. With
  /// `clearingInputs` (the stage must clear input windows), the input's adjoints (and adjoint
  /// tangents) are cleared here, each window just before the chunk that first writes it, and
  /// the rest after the last chunk.
  func fusedLastStage(tangents withTangents: Bool, clearingInputs: Bool) {
    let stage = stages[stageCount - 1]
    fusedRun(
      stage, over: 0..<stage.length, clearing: clearingInputs ? 0..<inputCount : nil,
      tangents: withTangents)
  }

  /// Runs the chunks of `range` (which starts on a chunk boundary) of the fused last stage
  /// `stage`, its sum starting from zero. With `clearing`, the input adjoints in that range are
  /// cleared a window at a time, each just before the first chunk that may write it, and the
  /// rest of the range after the last chunk; the caller has cleared the others.
  func fusedRun(
    _ stage: Stage, over range: Range<Int>, clearing: Range<Int>?, tangents withTangents: Bool
  ) {
    for e in stage.first..<stage.end where elements[e].code == .sum {
      elements[e].out.pointer(values, chunk: 0).pointee = 0
      if withTangents { elements[e].out.pointer(tangents, chunk: 0).pointee = 0 }
    }
    fillBroadcastAdjoints(stage, tangents: withTangents)
    // The first input writer assigns, which is right only with the windows managed here.
    let firstWriter = clearing == nil ? -1 : stage.firstInputWriter
    precondition(clearing != nil || stage.firstInputWriter < 0, "input windows not cleared")
    var cleared = clearing?.lowerBound ?? 0
    var kept = (head: 0..<0, tail: 0..<0)
    var start = range.lowerBound
    while start < range.upperBound {
      let count = min(chunkSize, range.upperBound - start)
      // Before the forward pass, which makes the eager reverse steps' writes.
      if let clearing {
        let end = min(clearing.upperBound, start + count + stage.inputHigh)
        if firstWriter >= 0 {
          // The first writer's window needs no clearing: it assigns, apart from the parts
          // written already, which it gets back.
          let window = (start + stage.firstInputOffset)..<(start + stage.firstInputOffset + count)
          kept = keptParts(window, cleared: cleared, owned: clearing)
          save(kept, buffer: stage.inputSaveBuffer, withTangents)
          if cleared < min(window.lowerBound, end) {
            clearInputAdjoints(cleared..<min(window.lowerBound, end), withTangents)
          }
          if max(cleared, window.upperBound) < end {
            clearInputAdjoints(max(cleared, window.upperBound)..<end, withTangents)
          }
          cleared = max(cleared, end)
        } else if end > cleared {
          clearInputAdjoints(cleared..<end, withTangents)
          cleared = end
        }
      }
      for e in stage.first..<stage.end {
        let i = elements + e
        if i.pointee.reversesInForward {
          forwardAndReverse(i, start: start, count: count, tangents: withTangents)
          if e == firstWriter { restore(kept, buffer: stage.inputSaveBuffer, withTangents) }
        } else {
          forward(i, start: start, count: count, tangents: withTangents)
        }
        if i.pointee.clearsOutAdjoint { clearAdjoint(i, start: start, count: count, withTangents) }
      }
      var e = stage.end
      while e > stage.first {
        e -= 1
        if elements[e].reversesInForward { continue }
        reverse(elements + e, start: start, count: count, tangents: withTangents)
        if e == firstWriter { restore(kept, buffer: stage.inputSaveBuffer, withTangents) }
      }
      start += chunkSize
    }
    if let clearing, cleared < clearing.upperBound {
      clearInputAdjoints(cleared..<clearing.upperBound, withTangents)
    }
  }

  /// The forward and reverse steps of an instruction that reverses in the forward pass: in
  /// one loop for the gradient.
  @inline(__always)
  func forwardAndReverse(
    _ i: UnsafeMutablePointer<ElementInstruction>, start: Int, count: Int,
    tangents withTangents: Bool
  ) {
    if withTangents {
      forward(i, start: start, count: count, tangents: true)
      reverse(i, start: start, count: count, tangents: true)
    } else if i.pointee.code == .multiplySquareAdd {
      multiplySquareAdd(i, start: start, count: count).valueAndReverse()
    } else {
      ValueAdjointKernel(
        instruction: i, values: values, adjoints: adjoints, start: start, count: count
      ).dispatch(i.pointee.code)
    }
  }

  @inline(__always)
  func clearInputAdjoints(_ range: Range<Int>, _ withTangents: Bool) {
    (adjoints[Region.input] + range.lowerBound).update(repeating: 0, count: range.count)
    if withTangents {
      (adjointTangents[Region.input] + range.lowerBound).update(
        repeating: 0, count: range.count)
    }
  }

  @inline(__always)
  func clearAdjoint(
    _ i: UnsafeMutablePointer<ElementInstruction>, start: Int, count: Int, _ withTangents: Bool
  ) {
    i.pointee.out.pointer(adjoints, chunk: start).update(repeating: 0, count: count)
    if withTangents {
      i.pointee.out.pointer(adjointTangents, chunk: start).update(repeating: 0, count: count)
    }
  }

  /// Sets the operand adjoints of the group's broadcasting sums to the sums' adjoints (which
  /// are final when the group's reverse sweep starts: no sum is read in its own group).
  func fillBroadcastAdjoints(_ stage: Stage, tangents withTangents: Bool) {
    let n = min(chunkSize, stage.length)
    for e in stage.first..<stage.end where elements[e].broadcastsAdjoint {
      let i = elements + e
      i.pointee.a.pointer(adjoints, chunk: 0).update(
        repeating: i.pointee.out.pointer(adjoints, chunk: 0).pointee, count: n)
      if withTangents {
        i.pointee.a.pointer(adjointTangents, chunk: 0).update(
          repeating: i.pointee.out.pointer(adjointTangents, chunk: 0).pointee, count: n)
      }
    }
  }

  @inline(__always)
  func reverse(
    _ i: UnsafeMutablePointer<ElementInstruction>, start: Int, count: Int,
    tangents withTangents: Bool
  ) {
    if i.pointee.code == .sum {
      guard i.pointee.aActive && !i.pointee.broadcastsAdjoint else { return }
      let g = i.pointee.out.pointer(adjoints, chunk: 0).pointee
      let aa = i.pointee.a.pointer(adjoints, chunk: start)
      if i.pointee.aAssigns {
        aa.update(repeating: g, count: count)
      } else {
        for j in 0..<count { aa[j &* i.pointee.a.stride] += g }
      }
      if withTangents {
        let gt = i.pointee.out.pointer(adjointTangents, chunk: 0).pointee
        let aat = i.pointee.a.pointer(adjointTangents, chunk: start)
        if i.pointee.aAssigns {
          aat.update(repeating: gt, count: count)
        } else {
          for j in 0..<count { aat[j &* i.pointee.a.stride] += gt }
        }
      }
    } else if i.pointee.skipsReverse {
      return
    } else if i.pointee.code == .multiplySquareAdd {
      multiplySquareAdd(i, start: start, count: count).reverse(tangents: withTangents)
    } else if withTangents {
      AdjointTangentKernel(
        instruction: i, values: values, tangents: tangents, adjoints: adjoints,
        adjointTangents: adjointTangents, start: start, count: count
      ).dispatch(i.pointee.code)
    } else {
      AdjointKernel(
        instruction: i, values: values, adjoints: adjoints, start: start, count: count
      ).dispatch(i.pointee.code)
    }
  }

  @inline(__always)
  func multiplySquareAdd(
    _ i: UnsafeMutablePointer<ElementInstruction>, start: Int, count: Int
  ) -> MultiplySquareAddKernel<T> {
    MultiplySquareAddKernel(
      instruction: i, values: values, tangents: tangents, adjoints: adjoints,
      adjointTangents: adjointTangents, start: start, count: count)
  }

  // MARK: Structural instructions

  /// Applies a linear structural map to one kind of quantity (values or tangents).
  func linear(_ s: StructuralInstruction, _ bases: Bases<T>) {
    let src = bases[s.src.region] + s.src.offset
    let dst = bases[s.dst.region] + s.dst.offset
    let n = s.count
    switch s.code {
    case .copy:
      dst.update(from: src, count: n)
    case .tile:
      for t in 0..<s.times { (dst + t * n).update(from: src, count: n) }
    case .fill:
      dst.update(repeating: src.pointee, count: n)
    case .zero:
      dst.update(repeating: 0, count: n)
    case .fold:
      dst.update(repeating: 0, count: n)
      for t in 0..<s.times {
        let block = src + t * n
        for i in 0..<n { dst[i] += block[i] }
      }
    case .product:
      preconditionFailure("product is not linear")
    }
  }

  /// The transpose of `linear`, accumulating into the source's adjoints (or adjoint tangents).
  func linearTranspose(_ s: StructuralInstruction, _ bases: Bases<T>) {
    guard s.srcActive else { return }
    let src = bases[s.src.region] + s.src.offset
    let dst = bases[s.dst.region] + s.dst.offset
    let n = s.count
    switch s.code {
    case .copy:
      for i in 0..<n { src[i] += dst[i] }
    case .tile:
      for t in 0..<s.times {
        let block = dst + t * n
        for i in 0..<n { src[i] += block[i] }
      }
    case .fill:
      var total: T = 0
      for i in 0..<n { total += dst[i] }
      src.pointee += total
    case .zero:
      break
    case .fold:
      for t in 0..<s.times {
        let block = src + t * n
        for i in 0..<n { block[i] += dst[i] }
      }
    case .product:
      preconditionFailure("product is not linear")
    }
  }

  /// Π a_i, and its tangent Σ_i (Π_{j≠i} a_j) ȧ_i computed as a running dual-number product so
  /// that zeros among the a_i need no division.
  func productForward(_ s: StructuralInstruction, tangents withTangents: Bool) {
    let a = values[s.src.region] + s.src.offset
    var p: T = 1
    if withTangents {
      let at = tangents[s.src.region] + s.src.offset
      var pt: T = 0
      for i in 0..<s.count {
        pt = pt * a[i] + p * at[i]
        p *= a[i]
      }
      (tangents[s.dst.region] + s.dst.offset).pointee = pt
    } else {
      for i in 0..<s.count { p *= a[i] }
    }
    (values[s.dst.region] + s.dst.offset).pointee = p
  }

  /// ā_i += (Π_{j≠i} a_j) ō from prefix and suffix products; with tangents, the same products
  /// carried as dual numbers give the adjoint tangents.
  func productReverse(_ s: StructuralInstruction, tangents withTangents: Bool) {
    let n = s.count
    let a = values[s.src.region] + s.src.offset
    let at = tangents[s.src.region] + s.src.offset
    let aa = adjoints[s.src.region] + s.src.offset
    let aat = adjointTangents[s.src.region] + s.src.offset
    let g = (adjoints[s.dst.region] + s.dst.offset).pointee
    let suffix = scratch + s.scratch
    let suffixTangent = suffix + (n + 1)
    suffix[n] = 1
    suffixTangent[n] = 0
    var i = n
    while i > 0 {
      i -= 1
      suffix[i] = suffix[i + 1] * a[i]
      if withTangents { suffixTangent[i] = suffixTangent[i + 1] * a[i] + suffix[i + 1] * at[i] }
    }
    var prefix: T = 1
    var prefixTangent: T = 0
    let gt = withTangents ? (adjointTangents[s.dst.region] + s.dst.offset).pointee : 0
    for i in 0..<n {
      let others = prefix * suffix[i + 1]
      aa[i] += others * g
      if withTangents {
        let othersTangent = prefixTangent * suffix[i + 1] + prefix * suffixTangent[i + 1]
        aat[i] += others * gt + othersTangent * g
        prefixTangent = prefixTangent * a[i] + prefix * at[i]
      }
      prefix *= a[i]
    }
  }
}
