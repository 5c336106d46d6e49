/// Decides, for one element-wise group, how the reverse sweep writes adjoints: which writes
/// into chunk-local adjoints are the first of their chunk (assignments, so those adjoints need
/// no clearing), which sums broadcast their adjoint instead of running a reverse step, and
/// whether the input's adjoints can be cleared a chunk window at a time.
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
  }

  var written: Set<Int> = []
  for e in group.indices where group[e].code == .sum {
    let i = group[e]
    if i.aActive && isLocal(i.a) && writers[i.a.offset] == 1 {
      group[e].broadcastsAdjoint = true
      written.insert(i.a.offset)
    }
  }
  // The reverse sweep visits the group backwards: the first write it meets assigns.
  for e in group.indices.reversed() where !group[e].broadcastsAdjoint {
    let i = group[e]
    if i.aActive && isLocal(i.a) { group[e].aAssigns = written.insert(i.a.offset).inserted }
    if i.code != .sum && i.bActive && isLocal(i.b) {
      group[e].bAssigns = written.insert(i.b.offset).inserted
    }
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
    if i.aActive && !i.broadcastsAdjoint { targets.append(i.a) }
    if i.code != .sum && i.bActive { targets.append(i.b) }
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
