/// Lets the first write of each chunk into the input's adjoints assign instead of accumulate,
/// in a fused last stage that clears input windows: the window it writes then needs no
/// clearing beforehand, which at large n is a pass over memory not yet in cache.
///
/// The first instruction of a chunk to write input adjoints (eager reverse steps in forward
/// order, then the reverse pass backwards) must write exactly one input operand, so that no
/// other write of its own loop lands on elements it has not yet assigned. Elements of its
/// window that earlier chunks (or, in the threaded stage, other blocks) have written already
/// are saved before it runs and added back after, `saved + term` exactly as the accumulation
/// would have rounded it; there are at most `inputHigh` of them on each side, so the stage
/// qualifies only when `inputHigh` fits the save buffer.
func planFirstInputWrite(_ group: inout ArraySlice<ElementInstruction>, stage: inout Stage) {
  guard stage.clearsInputWindows, stage.inputHigh <= chunkSize else { return }
  let order =
    group.indices.filter { group[$0].reversesInForward }
    + group.indices.reversed().filter { !group[$0].reversesInForward }
  for e in order {
    let inputs = group[e].reverseTargets.filter { $0.region == Region.input }
    if inputs.isEmpty { continue }
    guard inputs.count == 1 else { return }
    let target = inputs[0]
    // Window clearing guarantees unit stride over a full-length operand.
    if group[e].aActive && !group[e].aAliased && group[e].a == target {
      group[e].aAssigns = true
    } else if group[e].bActive && !group[e].bAliased && group[e].b == target {
      group[e].bAssigns = true
    } else {
      group[e].cAssigns = true
    }
    stage.firstInputWriter = e
    stage.firstInputOffset = target.offset
    return
  }
}

extension Machine {
  /// The part of the first input writer's window `window` that must keep what is there: below
  /// `cleared` (written by earlier chunks) or outside `owned` (cleared by other blocks).
  @inline(__always)
  func keptParts(_ window: Range<Int>, cleared: Int, owned: Range<Int>) -> (
    head: Range<Int>, tail: Range<Int>
  ) {
    let freshStart = max(cleared, owned.lowerBound)
    let head = window.lowerBound..<max(window.lowerBound, min(freshStart, window.upperBound))
    let tailStart = max(head.upperBound, min(window.upperBound, owned.upperBound))
    return (head, tailStart..<window.upperBound)
  }

  /// Copies the input adjoints (and adjoint tangents) of `parts` into the save buffer.
  @inline(__always)
  func save(_ parts: (head: Range<Int>, tail: Range<Int>), buffer: Int, _ withTangents: Bool) {
    @inline(__always)
    func save(_ kind: Bases<T>) {
      let saved = kind[Region.local] + buffer
      let input = kind[Region.input]
      saved.update(from: input + parts.head.lowerBound, count: parts.head.count)
      (saved + chunkSize).update(from: input + parts.tail.lowerBound, count: parts.tail.count)
    }
    save(adjoints)
    if withTangents { save(adjointTangents) }
  }

  /// Adds the saved adjoints back after the first writer assigned its terms: `saved + term`,
  /// the sum the accumulation would have made.
  @inline(__always)
  func restore(_ parts: (head: Range<Int>, tail: Range<Int>), buffer: Int, _ withTangents: Bool) {
    @inline(__always)
    func restore(_ kind: Bases<T>) {
      let saved = kind[Region.local] + buffer
      let input = kind[Region.input]
      for (k, i) in parts.head.enumerated() { input[i] = saved[k] + input[i] }
      for (k, i) in parts.tail.enumerated() { input[i] = saved[chunkSize + k] + input[i] }
    }
    restore(adjoints)
    if withTangents { restore(adjointTangents) }
  }
}
