/// The chunk kernels of `multiplySquareAdd`, o = a·b² + c: the steps of `multiplySquare`
/// followed by those of `add`, in the order and rounding of the unfused pair, in fewer passes.
/// The product's result is never stored; its adjoint is the sum's, as it was when the product
/// was a local read only by the addition.
struct MultiplySquareAddKernel<T: DifferentiableScalar> {
  let instruction: UnsafeMutablePointer<ElementInstruction>
  let values: Bases<T>
  let tangents: Bases<T>
  let adjoints: Bases<T>
  let adjointTangents: Bases<T>
  let start: Int
  let count: Int

  typealias Product = MultiplySquareRule

  /// Runs `body` with the strides of a, b and c as literals in the common cases.
  @inline(__always)
  func withStrides3(_ body: (Int, Int, Int) -> Void) {
    let i = instruction
    withStrides(i.pointee.a.stride, i.pointee.b.stride) { sa, sb in
      if i.pointee.c.stride == 1 { body(sa, sb, 1) } else { body(sa, sb, 0) }
    }
  }

  /// o = a·b² + c, or Σ o added to `reducesInto`.
  @inline(never)
  func value() {
    let i = instruction
    let a = i.pointee.a.pointer(values, chunk: start)
    let b = i.pointee.b.pointer(values, chunk: start)
    let c = i.pointee.c.pointer(values, chunk: start)
    let n = count
    if let target = i.pointee.reducesInto {
      let total = target.pointer(values, chunk: 0)
      withStrides3 { sa, sb, sc in
        total.pointee += chunkSum(n) { j in Product.value(a[j &* sa], b[j &* sb]) + c[j &* sc] }
      }
      return
    }
    let o = i.pointee.out.pointer(values, chunk: start)
    withStrides3 { sa, sb, sc in
      for j in 0..<n { o[j] = Product.value(a[j &* sa], b[j &* sb]) + c[j &* sc] }
    }
  }

  /// The value and its tangent: the product's tangent as `TangentKernel` makes it, then the
  /// addition's, 0 + ṫ (+ ċ).
  @inline(never)
  func tangent() {
    let i = instruction
    let a = i.pointee.a.pointer(values, chunk: start)
    let b = i.pointee.b.pointer(values, chunk: start)
    let c = i.pointee.c.pointer(values, chunk: start)
    let at = i.pointee.a.pointer(tangents, chunk: start)
    let bt = i.pointee.b.pointer(tangents, chunk: start)
    let ct = i.pointee.c.pointer(tangents, chunk: start)
    let (aOn, bOn, cOn) = (i.pointee.aActive, i.pointee.bActive, i.pointee.cActive)
    let n = count
    @inline(__always)
    func element(_ j: Int, _ sa: Int, _ sb: Int, _ sc: Int) -> (T, T) {
      let av = a[j &* sa]
      let bv = b[j &* sb]
      let product = Product.value(av, bv)
      let (fa, fb) = Product.first(av, bv, product)
      var productTangent: T = 0
      if aOn { productTangent += fa * at[j &* sa] }
      if bOn { productTangent += fb * bt[j &* sb] }
      var t: T = 0
      t += 1 * productTangent
      if cOn { t += 1 * ct[j &* sc] }
      return (product + c[j &* sc], t)
    }
    if let target = i.pointee.reducesInto {
      let total = target.pointer(values, chunk: 0)
      let totalTangent = target.pointer(tangents, chunk: 0)
      withStrides3 { sa, sb, sc in
        let (chunkTotal, chunkTangent) = chunkSums(n) { j in element(j, sa, sb, sc) }
        total.pointee += chunkTotal
        totalTangent.pointee += chunkTangent
      }
      return
    }
    let o = i.pointee.out.pointer(values, chunk: start)
    let ot = i.pointee.out.pointer(tangents, chunk: start)
    withStrides3 { sa, sb, sc in
      for j in 0..<n { (o[j], ot[j]) = element(j, sa, sb, sc) }
    }
  }

  /// The addition's reverse step as the unfused program made it: its first operand, the
  /// product, shares its adjoint (nothing to write), its second is `c`.
  var addition: ElementInstruction {
    var add = instruction.pointee
    add.code = .add
    add.a = add.c
    add.aAliased = true
    add.b = add.c
    (add.bActive, add.bAssigns, add.bAliased) = (add.cActive, add.cAssigns, add.cAliased)
    return add
  }

  /// The reverse step: the addition's write into c̄, then the product's into ā and b̄, with
  /// the result's adjoint; with `tangents`, the adjoint tangents too.
  @inline(never)
  func reverse(tangents withTangents: Bool) {
    let i = instruction
    if i.pointee.cActive && !i.pointee.cAliased {
      var add = addition
      withUnsafeMutablePointer(to: &add) { add in
        reverseStep(of: add, AddRule.self, tangents: withTangents)
      }
    }
    guard i.pointee.aActive || i.pointee.bActive else { return }
    reverseStep(of: i, Product.self, tangents: withTangents)
  }

  /// One element-wise reverse step of `step` by `rule`, with adjoint tangents or without.
  @inline(__always)
  private func reverseStep<R: ElementRule>(
    of step: UnsafeMutablePointer<ElementInstruction>, _ rule: R.Type, tangents withTangents: Bool
  ) {
    if withTangents {
      AdjointTangentKernel(
        instruction: step, values: values, tangents: tangents, adjoints: adjoints,
        adjointTangents: adjointTangents, start: start, count: count
      ).run(rule)
    } else {
      AdjointKernel(
        instruction: step, values: values, adjoints: adjoints, start: start, count: count
      ).run(rule)
    }
  }

  /// The value and the gradient's reverse step in one loop, for a constant weight `a` (the
  /// common `k·x² + c`) and no write into c̄; otherwise one after the other.
  @inline(never)
  func valueAndReverse() {
    let i = instruction
    guard !i.pointee.aActive, i.pointee.a.stride == 0, i.pointee.b.stride == 1,
      i.pointee.bActive, !(i.pointee.cActive && !i.pointee.cAliased)
    else {
      value()
      reverse(tangents: false)
      return
    }
    let a = i.pointee.a.pointer(values, chunk: start)
    let b = i.pointee.b.pointer(values, chunk: start)
    let c = i.pointee.c.pointer(values, chunk: start)
    let oa = i.pointee.outAdjoint.pointer(adjoints, chunk: start)
    let ba = i.pointee.b.pointer(adjoints, chunk: start)
    let target = i.pointee.reducesInto
    let o = i.pointee.out.pointer(values, chunk: start)
    let n = count
    // The write mode and c's stride as literals, so that each loop is compiled for its own.
    @inline(__always)
    func run(_ wb: Int, _ sc: Int) {
      let k = a[0]
      @inline(__always)
      func step(_ j: Int) -> T {
        let bv = b[j]
        let product = Product.value(k, bv)
        AdjointWrite.write(ba + j, wb, Product.first(k, bv, product).fb * oa[j])
        return product + c[j &* sc]
      }
      for j in 0..<n { o[j] = step(j) }
      // Summed from the stored results in a second loop: with the adjoint stores in the same
      // loop as the partial sums, the compiler keeps the element-wise part scalar.
      if let target { target.pointer(values, chunk: 0).pointee += chunkSum(n) { j in o[j] } }
    }
    let assigns = i.pointee.bAssigns
    if i.pointee.c.stride == 1 {
      if assigns { run(AdjointWrite.assign, 1) } else { run(AdjointWrite.accumulate, 1) }
    } else {
      if assigns { run(AdjointWrite.assign, 0) } else { run(AdjointWrite.accumulate, 0) }
    }
  }
}
