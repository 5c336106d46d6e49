/// Decides, for one element-wise group, how the reverse sweep writes adjoints: which writes
/// into chunk-local adjoints are the first of their chunk (assignments, so those adjoints need
/// no clearing), which locals share the adjoint of the sum or addition that reads them (no
/// write at all), which sums broadcast their adjoint or are computed by their operand's
/// producer, and whether the input's adjoints can be cleared a chunk window at a time.
///
/// Only groups longer than one element are planned: in a one-element group a local is a
/// broadcast operand (stride 0), for which the kernels have no assigning form, so its adjoint
/// is cleared as before.
func planAdjointWrites(_ group: inout ArraySlice<ElementInstruction>, stage: inout Stage) {
  guard stage.length > 1 else {
    for e in group.indices where group[e].outIsLocal { group[e].clearsOutAdjoint = true }
    return
  }
  func isLocal(_ o: Operand) -> Bool { o.region == Region.local }

  // Reverse-sweep writes into each local adjoint, by local offset.
  var writers: [Int: Int] = [:]
  for i in group {
    if i.aActive && isLocal(i.a) { writers[i.a.offset, default: 0] += 1 }
    if i.code != .sum && i.bActive && isLocal(i.b) { writers[i.b.offset, default: 0] += 1 }
    if i.cActive && isLocal(i.c) { writers[i.c.offset, default: 0] += 1 }
  }

  var written: Set<Int> = []
  var producer: [Int: Int] = [:]
  for e in group.indices where group[e].outIsLocal { producer[group[e].out.offset] = e }
  for e in group.indices where group[e].code == .sum {
    let i = group[e]
    if i.aActive && isLocal(i.a) && writers[i.a.offset] == 1 {
      group[e].broadcastsAdjoint = true
      written.insert(i.a.offset)
      // The operand's producer can add its results into the sum directly if nothing needs
      // them stored: the sum is their only reader, and the derivatives do not read them.
      if let p = producer[i.a.offset], !group[p].code.derivativesReadResult,
        group[p].code != .sum
      {
        group[p].reducesInto = i.out
        group[e].isReducedByProducer = true
      }
    }
  }
  // The reverse sweep visits the group backwards: an operand's adjoint is complete when its
  // producer is met, and the first write met assigns.
  var alias: [Int: Operand] = [:]
  for e in group.indices.reversed() where !group[e].broadcastsAdjoint {
    if group[e].outIsLocal, let shared = alias[group[e].out.offset] {
      group[e].outAdjoint = shared
    }
    let i = group[e]
    // A local read only here, with a partial derivative of exactly 1, has this result's
    // adjoint: nothing to write.
    func aliases(_ o: Operand) -> Bool { isLocal(o) && writers[o.offset] == 1 }
    if i.aActive && i.code.hasUnitFirstPartial && aliases(i.a) {
      group[e].aAliased = true
      alias[i.a.offset] = i.outAdjoint
      written.insert(i.a.offset)
    } else if i.aActive && isLocal(i.a) {
      group[e].aAssigns = written.insert(i.a.offset).inserted
    }
    if i.code != .sum && i.bActive {
      if i.code == .add && aliases(i.b) {
        group[e].bAliased = true
        alias[i.b.offset] = i.outAdjoint
        written.insert(i.b.offset)
      } else if isLocal(i.b) {
        group[e].bAssigns = written.insert(i.b.offset).inserted
      }
    }
    // ∂o/∂c = 1: `c` shares the result's adjoint as an addition's operands do.
    if i.cActive {
      if aliases(i.c) {
        group[e].cAliased = true
        alias[i.c.offset] = i.outAdjoint
        written.insert(i.c.offset)
      } else if isLocal(i.c) {
        group[e].cAssigns = written.insert(i.c.offset).inserted
      }
    }
    group[e].skipsReverse =
      (!i.aActive || group[e].aAliased) && (!i.bActive || group[e].bAliased)
      && (!i.cActive || group[e].cAliased)
  }
  for e in group.indices where group[e].outIsLocal {
    // Every local is read by its group, so it has a first write unless nothing reads it.
    group[e].clearsOutAdjoint = !written.contains(group[e].out.offset)
  }

  // Input adjoints written through unit-stride operands only: window-by-window clearing.
  var high = Int.min
  var windowed = true
  for i in group {
    var targets: [Operand] = []
    if i.aActive && !i.broadcastsAdjoint && !i.aAliased { targets.append(i.a) }
    if i.code != .sum && i.bActive && !i.bAliased { targets.append(i.b) }
    if i.cActive && !i.cAliased { targets.append(i.c) }
    for o in targets where o.region == Region.input {
      if o.stride != 1 || o.chunkScale != 1 { windowed = false }
      high = max(high, o.offset)
    }
  }
  if windowed && high > Int.min {
    stage.clearsInputWindows = true
    stage.inputHigh = high
  }
}
