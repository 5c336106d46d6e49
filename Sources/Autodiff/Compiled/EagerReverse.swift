/// Marks the instructions of an element-wise group whose reverse step can run in the forward
/// pass of a fused last stage, in the same loop as their value (see
/// `ElementInstruction.reversesInForward`): one pass over the chunk instead of two.
///
/// In a fused last stage the sum's adjoint is the seed, so the adjoint a broadcasting sum
/// gives its operand is filled before the first chunk; an instruction whose result adjoint is
/// that buffer (directly or shared through additions) needs nothing from the reverse pass. Its
/// writes move ahead of those of every instruction after it, so it qualifies only when none of
/// those writes into the same adjoints: then each adjoint still receives its terms in the
/// reverse pass's order, and the results are the same to the last bit.
func planEagerReverse(_ group: inout ArraySlice<ElementInstruction>) {
  var broadcast: Set<Int> = []
  for i in group where i.code == .sum && i.broadcastsAdjoint { broadcast.insert(i.a.offset) }
  guard !broadcast.isEmpty else { return }

  /// Two adjoint targets that may share elements: the same chunk-local buffer, or any two
  /// operands in one full-length region (views of one input may overlap anywhere).
  func mayOverlap(_ p: Operand, _ q: Operand) -> Bool {
    p.region == q.region && (p.region != Region.local || p.offset == q.offset)
  }
  var laterTargets: [Operand] = []
  for e in group.indices.reversed() {
    let i = group[e]
    let targets = i.reverseTargets
    if i.code != .sum, !targets.isEmpty, i.outAdjoint.region == Region.local,
      broadcast.contains(i.outAdjoint.offset),
      !targets.contains(where: { t in laterTargets.contains { mayOverlap(t, $0) } })
    {
      group[e].reversesInForward = true
    }
    laterTargets += targets
  }
}

extension ElementInstruction {
  /// The operands whose adjoints the reverse step writes.
  var reverseTargets: [Operand] {
    if code == .sum { return aActive && !broadcastsAdjoint ? [a] : [] }
    if skipsReverse { return [] }
    var targets: [Operand] = []
    if aActive && !aAliased { targets.append(a) }
    if code.isBinary && bActive && !bAliased { targets.append(b) }
    if cActive && !cAliased { targets.append(c) }
    return targets
  }
}

/// o = f(a, b) (or Σ o added to `reducesInto`), and in the same loop ā += f_a ō, b̄ += f_b ō
/// (or = for a first write): the forward and reverse steps of an instruction that
/// `planEagerReverse` marked.
struct ValueAdjointKernel<T: DifferentiableScalar>: ChunkKernel {
  let instruction: UnsafeMutablePointer<ElementInstruction>
  let values: Bases<T>
  let adjoints: Bases<T>
  let start: Int
  let count: Int

  // Not inlined into the sweeps, as the other kernels.
  @inline(never)
  func run<R: ElementRule>(_ rule: R.Type) {
    let i = instruction
    let o = i.pointee.out.pointer(values, chunk: start)
    let a = i.pointee.a.pointer(values, chunk: start)
    let b = i.pointee.b.pointer(values, chunk: start)
    let oa = i.pointee.outAdjoint.pointer(adjoints, chunk: start)
    let aa = i.pointee.a.pointer(adjoints, chunk: start)
    let ba = i.pointee.b.pointer(adjoints, chunk: start)
    let n = count
    @inline(__always)
    func step(_ j: Int, _ sa: Int, _ sb: Int, _ wa: Int, _ wb: Int) -> T {
      let ja = j &* sa
      let jb = j &* sb
      let av = a[ja]
      let bv = b[jb]
      let ov = R.value(av, bv)
      let (fa, fb) = R.first(av, bv, ov)
      let g = oa[j]
      AdjointWrite.write(aa + ja, wa, fa * g)
      AdjointWrite.write(ba + jb, wb, fb * g)
      return ov
    }
    if let target = i.pointee.reducesInto {
      let total = target.pointer(values, chunk: 0)
      withAdjointPattern(R.self, i) { sa, sb, wa, wb in
        // Chunk by chunk into the sum, as `sum` itself adds.
        total.pointee += chunkSum(n) { j in step(j, sa, sb, wa, wb) }
      }
      return
    }
    withAdjointPattern(R.self, i) { sa, sb, wa, wb in
      if wa == AdjointWrite.accumulate && wb == AdjointWrite.accumulate && sa == 1 && sb == 1 {
        // As in `AdjointKernel`: accumulations into shifted slices of one input keep a single
        // loop scalar; the second operand's writes get a loop of their own.
        for j in 0..<n { o[j] = step(j, 1, 1, wa, AdjointWrite.none) }
        for j in 0..<n { ba[j] += R.first(a[j], b[j], o[j]).fb * oa[j] }
        return
      }
      for j in 0..<n { o[j] = step(j, sa, sb, wa, wb) }
    }
  }
}
