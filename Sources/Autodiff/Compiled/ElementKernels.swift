/// Base pointers of the three storage regions for one kind of quantity (values, tangents,
/// adjoints or adjoint tangents).
typealias Bases<T> = UnsafeMutablePointer<UnsafeMutablePointer<T>>

extension Operand {
  @inline(__always)
  func pointer<T>(_ bases: Bases<T>, chunk s: Int) -> UnsafeMutablePointer<T> {
    bases[region] + offset + s * chunkScale
  }
}

/// Runs `body` with the strides as literals in the common cases (both vectors, vector and
/// scalar), so that after inlining each loop is compiled for its own access pattern.
@inline(__always)
func withStrides(_ sa: Int, _ sb: Int, _ body: (Int, Int) -> Void) {
  if sa == 1 && sb == 1 {
    body(1, 1)
  } else if sa == 1 && sb == 0 {
    body(1, 0)
  } else if sa == 0 && sb == 1 {
    body(0, 1)
  } else {
    // Both scalars: a group of length 1.
    body(0, 0)
  }
}

/// `withStrides` for rule `R`: a unary rule's `b` is its `a`, so only one stride varies.
@inline(__always)
func withStrides<R: ElementRule>(_ rule: R.Type, _ sa: Int, _ sb: Int, _ body: (Int, Int) -> Void) {
  if R.isUnary {
    if sa == 1 { body(1, 1) } else { body(0, 0) }
  } else {
    withStrides(sa, sb, body)
  }
}

/// How the reverse sweep writes one operand's adjoint.
enum AdjointWrite {
  /// The operand does not depend on the input.
  static let none = 0
  /// The first write of the chunk into a unit-stride local adjoint.
  static let assign = 1
  static let accumulate = 2

  static func of(active: Bool, assigns: Bool) -> Int {
    active ? (assigns ? assign : accumulate) : none
  }

  /// Runs `body` with `mode` as a literal, among the modes possible for the operand.
  @inline(__always)
  static func with(_ mode: Int, assignable: Bool, optional: Bool, _ body: (Int) -> Void) {
    if optional && mode == none {
      body(none)
    } else if assignable && mode == assign {
      body(assign)
    } else {
      body(accumulate)
    }
  }

  @inline(__always)
  static func write<T: DifferentiableScalar>(_ p: UnsafeMutablePointer<T>, _ mode: Int, _ x: T) {
    if mode == assign {
      p.pointee = x
    } else if mode == accumulate {
      p.pointee += x
    }
  }
}

/// Runs `body` with the strides and the adjoint write modes of `i` as literals: assignment
/// only for unit-stride operands, and never neither operand written.
@inline(__always)
func withAdjointPattern<R: ElementRule>(
  _ rule: R.Type, _ i: UnsafeMutablePointer<ElementInstruction>,
  _ body: (Int, Int, Int, Int) -> Void
) {
  let wa = AdjointWrite.of(
    active: i.pointee.aActive && !i.pointee.aAliased, assigns: i.pointee.aAssigns)
  let wb = AdjointWrite.of(
    active: i.pointee.bActive && !i.pointee.bAliased, assigns: i.pointee.bAssigns)
  withStrides(R.self, i.pointee.a.stride, i.pointee.b.stride) { sa, sb in
    AdjointWrite.with(wa, assignable: sa == 1, optional: !R.isUnary) { wa in
      if R.isUnary {
        body(sa, sb, wa, AdjointWrite.none)
      } else {
        AdjointWrite.with(wb, assignable: sb == 1, optional: wa != AdjointWrite.none) { wb in
          body(sa, sb, wa, wb)
        }
      }
    }
  }
}

/// o = f(a, b), or with `reducesInto`, Σ o added to that sum.
struct ValueKernel<T: DifferentiableScalar>: ChunkKernel {
  let instruction: UnsafeMutablePointer<ElementInstruction>
  let values: Bases<T>
  let start: Int
  let count: Int

  // Not inlined into the sweeps: one function per kernel, rule and precision keeps the sweeps
  // small. Inlined, they were ~350 kB of machine code each and the release build of Autodiff
  // took ~20 CPU-minutes; one call per chunk (256 elements) costs nothing measurable.
  @inline(never)
  func run<R: ElementRule>(_ rule: R.Type) {
    let a = instruction.pointee.a.pointer(values, chunk: start)
    let b = instruction.pointee.b.pointer(values, chunk: start)
    let n = count
    if let target = instruction.pointee.reducesInto {
      let total = target.pointer(values, chunk: 0)
      withStrides(R.self, instruction.pointee.a.stride, instruction.pointee.b.stride) { sa, sb in
        // Chunk by chunk into the sum, as `sum` itself adds.
        total.pointee += chunkSum(n) { j in R.value(a[j &* sa], b[j &* sb]) }
      }
      return
    }
    let o = instruction.pointee.out.pointer(values, chunk: start)
    withStrides(R.self, instruction.pointee.a.stride, instruction.pointee.b.stride) { sa, sb in
      for j in 0..<n { o[j] = R.value(a[j &* sa], b[j &* sb]) }
    }
  }
}

/// o = f(a, b) and its tangent ȯ = f_a ȧ + f_b ḃ.
struct TangentKernel<T: DifferentiableScalar>: ChunkKernel {
  let instruction: UnsafeMutablePointer<ElementInstruction>
  let values: Bases<T>
  let tangents: Bases<T>
  let start: Int
  let count: Int

  // Not inlined into the sweeps: one function per kernel, rule and precision keeps the sweeps
  // small. Inlined, they were ~350 kB of machine code each and the release build of Autodiff
  // took ~20 CPU-minutes; one call per chunk (256 elements) costs nothing measurable.
  @inline(never)
  func run<R: ElementRule>(_ rule: R.Type) {
    let i = instruction
    let o = i.pointee.out.pointer(values, chunk: start)
    let a = i.pointee.a.pointer(values, chunk: start)
    let b = i.pointee.b.pointer(values, chunk: start)
    let ot = i.pointee.out.pointer(tangents, chunk: start)
    let at = i.pointee.a.pointer(tangents, chunk: start)
    let bt = i.pointee.b.pointer(tangents, chunk: start)
    let n = count
    @inline(__always)
    func element(_ j: Int, _ sa: Int, _ sb: Int, _ aOn: Bool, _ bOn: Bool) -> (value: T, tangent: T)
    {
      let av = a[j &* sa]
      let bv = b[j &* sb]
      let ov = R.value(av, bv)
      let (fa, fb) = R.first(av, bv, ov)
      var t: T = 0
      if aOn { t += fa * at[j &* sa] }
      if bOn { t += fb * bt[j &* sb] }
      return (ov, t)
    }
    if let target = i.pointee.reducesInto {
      let total = target.pointer(values, chunk: 0)
      let totalTangent = target.pointer(tangents, chunk: 0)
      let aOn = i.pointee.aActive
      let bOn = i.pointee.bActive
      withStrides(R.self, i.pointee.a.stride, i.pointee.b.stride) { sa, sb in
        let (chunkTotal, chunkTangent) = chunkSums(n) { j in element(j, sa, sb, aOn, bOn) }
        total.pointee += chunkTotal
        totalTangent.pointee += chunkTangent
      }
      return
    }
    // Activities as literals too: a branch-free loop that vectorises.
    withTangentActivity(R.self, i) { aOn, bOn in
      withStrides(R.self, i.pointee.a.stride, i.pointee.b.stride) { sa, sb in
        for j in 0..<n {
          let (v, t) = element(j, sa, sb, aOn, bOn)
          o[j] = v
          ot[j] = t
        }
      }
    }
  }
}

/// Runs `body` with the operand activities of `i` as literals (a unary rule's `b` is inactive;
/// every instruction has an active operand).
@inline(__always)
func withTangentActivity<R: ElementRule>(
  _ rule: R.Type, _ i: UnsafeMutablePointer<ElementInstruction>, _ body: (Bool, Bool) -> Void
) {
  if R.isUnary {
    body(true, false)
  } else if i.pointee.aActive && i.pointee.bActive {
    body(true, true)
  } else if i.pointee.aActive {
    body(true, false)
  } else {
    body(false, true)
  }
}

/// ā += f_a ō, b̄ += f_b ō (or = for a first write).
struct AdjointKernel<T: DifferentiableScalar>: ChunkKernel {
  let instruction: UnsafeMutablePointer<ElementInstruction>
  let values: Bases<T>
  let adjoints: Bases<T>
  let start: Int
  let count: Int

  // Not inlined into the sweeps: one function per kernel, rule and precision keeps the sweeps
  // small. Inlined, they were ~350 kB of machine code each and the release build of Autodiff
  // took ~20 CPU-minutes; one call per chunk (256 elements) costs nothing measurable.
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
    withAdjointPattern(R.self, i) { sa, sb, wa, wb in
      if wa == AdjointWrite.accumulate && wb == AdjointWrite.accumulate && sa == 1 && sb == 1 {
        // Two accumulations may hit the same elements (shifted slices of one input, ā[j] and
        // b̄[j+1]), a dependence between iterations that keeps one loop scalar: one loop per
        // operand vectorises, or, when ā starts d ≥ 0 elements after b̄ and the two overlap,
        // one loop over the elements that adds each its ā term and then its b̄ term, the
        // order of the two loops.
        @inline(__always) func termA(_ j: Int) -> T { R.first(a[j], b[j], o[j]).fa * oa[j] }
        @inline(__always) func termB(_ j: Int) -> T { R.first(a[j], b[j], o[j]).fb * oa[j] }
        let d = ba.distance(to: aa)
        if d >= 0 && d < n {
          for j in 0..<d { ba[j] += termB(j) }
          for j in d..<n { ba[j] = (ba[j] + termA(j &- d)) + termB(j) }
          for j in n..<(n &+ d) { ba[j] += termA(j &- d) }
          return
        }
        for j in 0..<n { aa[j] += termA(j) }
        for j in 0..<n { ba[j] += termB(j) }
        return
      }
      for j in 0..<n {
        let ja = j &* sa
        let jb = j &* sb
        let (fa, fb) = R.first(a[ja], b[jb], o[j])
        let g = oa[j]
        AdjointWrite.write(aa + ja, wa, fa * g)
        AdjointWrite.write(ba + jb, wb, fb * g)
      }
    }
  }
}

/// The reverse sweep differentiated along the tangent (forward over reverse): besides the
/// adjoints, d(ā) = f_a d(ō) + (f_aa ȧ + f_ab ḃ) ō, and likewise for b.
struct AdjointTangentKernel<T: DifferentiableScalar>: ChunkKernel {
  let instruction: UnsafeMutablePointer<ElementInstruction>
  let values: Bases<T>
  let tangents: Bases<T>
  let adjoints: Bases<T>
  let adjointTangents: Bases<T>
  let start: Int
  let count: Int

  // Not inlined into the sweeps: one function per kernel, rule and precision keeps the sweeps
  // small. Inlined, they were ~350 kB of machine code each and the release build of Autodiff
  // took ~20 CPU-minutes; one call per chunk (256 elements) costs nothing measurable.
  @inline(never)
  func run<R: ElementRule>(_ rule: R.Type) {
    let i = instruction
    let o = i.pointee.out.pointer(values, chunk: start)
    let a = i.pointee.a.pointer(values, chunk: start)
    let b = i.pointee.b.pointer(values, chunk: start)
    let at = i.pointee.a.pointer(tangents, chunk: start)
    let bt = i.pointee.b.pointer(tangents, chunk: start)
    let oa = i.pointee.outAdjoint.pointer(adjoints, chunk: start)
    let aa = i.pointee.a.pointer(adjoints, chunk: start)
    let ba = i.pointee.b.pointer(adjoints, chunk: start)
    let oat = i.pointee.outAdjoint.pointer(adjointTangents, chunk: start)
    let aat = i.pointee.a.pointer(adjointTangents, chunk: start)
    let bat = i.pointee.b.pointer(adjointTangents, chunk: start)
    let n = count
    // Activities and write modes as literals, so the loop carries no per-element test of them.
    withAdjointPattern(R.self, i) { sa, sb, wa, wb in
      if wa == AdjointWrite.accumulate && wb == AdjointWrite.accumulate && sa == 1 && sb == 1 {
        // As in `AdjointKernel`: when ā starts d ≥ 0 elements after b̄ (shifted slices of one
        // input) the accumulations depend on each other across iterations, which keeps the
        // general loop below scalar. One loop over the elements adds each its ā term and then
        // its b̄ term, the order of the general loop, and vectorises.
        @inline(__always) func terms(_ j: Int) -> (a: T, at: T, b: T, bt: T) {
          let d = R.second(a[j], b[j], o[j])
          let g = oa[j]
          let gt = oat[j]
          let ta = at[j]
          let tb = bt[j]
          return (
            d.fa * g, d.fa * gt + (d.faa * ta + d.fab * tb) * g,
            d.fb * g, d.fb * gt + (d.fbb * tb + d.fab * ta) * g
          )
        }
        let d = ba.distance(to: aa)
        if d >= 0 && d < n && bat.distance(to: aat) == d {
          for j in 0..<d {
            let t = terms(j)
            ba[j] += t.b
            bat[j] += t.bt
          }
          for j in d..<n {
            let ta = terms(j &- d)
            let tb = terms(j)
            ba[j] = (ba[j] + ta.a) + tb.b
            bat[j] = (bat[j] + ta.at) + tb.bt
          }
          for j in n..<(n &+ d) {
            let t = terms(j &- d)
            ba[j] += t.a
            bat[j] += t.at
          }
          return
        }
      }
      let aOn = wa != AdjointWrite.none
      let bOn = wb != AdjointWrite.none
      for j in 0..<n {
        let ja = j &* sa
        let jb = j &* sb
        let d = R.second(a[ja], b[jb], o[j])
        let g = oa[j]
        let gt = oat[j]
        let ta = aOn ? at[ja] : 0
        let tb = bOn ? bt[jb] : 0
        if aOn {
          var curvature = d.faa * ta
          if bOn { curvature += d.fab * tb }
          AdjointWrite.write(aa + ja, wa, d.fa * g)
          AdjointWrite.write(aat + ja, wa, d.fa * gt + curvature * g)
        }
        if bOn {
          var curvature = d.fbb * tb
          if aOn { curvature += d.fab * ta }
          AdjointWrite.write(ba + jb, wb, d.fb * g)
          AdjointWrite.write(bat + jb, wb, d.fb * gt + curvature * g)
        }
      }
    }
  }
}
