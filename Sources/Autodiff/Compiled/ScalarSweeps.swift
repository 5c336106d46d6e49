/// Runs `body` with a small count (of tangents, of inputs) as a literal in the common cases
/// (Hessian–vector products, two-variable functions), so that after inlining its loops unroll.
@inline(__always)
func withLiteralCount(_ m: Int, _ body: (Int) -> Void) {
  switch m {
  case 1: body(1)
  case 2: body(2)
  case 3: body(3)
  case 4: body(4)
  default: body(m)
  }
}

/// A number of forward-mode tangents known at compile time in each specialisation.
protocol TangentCount {
  static var n: Int { get }
}

enum OneTangent: TangentCount {
  static var n: Int { 1 }
}

enum TwoTangents: TangentCount {
  static var n: Int { 2 }
}

extension CompiledFunction {
  @inline(__always)
  func load(_ x: UnsafeBufferPointer<T>, into registers: UnsafeMutablePointer<T>) {
    precondition(x.count == dimension, "expected \(dimension) elements, got \(x.count)")
    withLiteralCount(x.count) { n in
      for k in 0..<n { registers[k] = x[k] }
    }
  }

  /// f(x) by the combined tape, which computes the same values as `tape` in fewer
  /// instructions.
  // Not inlined: inlined into the unspecialised public entry, its rule tuples would make
  // that entry look up tuple metadata at run time on every call, before dispatching to the
  // specialisation.
  @inline(never)
  func scalarValue(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>
  ) -> T {
    let w = scalarWork
    let v = w.values
    load(x, into: v)
    for i in w.combined { i.evaluate(v, w.terms) }
    return v[scalarOutput]
  }

  // Not inlined: see `scalarValue`.
  @inline(never)
  func scalarGradient(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>,
    _ g: UnsafeMutableBufferPointer<T>
  ) -> T {
    precondition(g.count == dimension, "expected \(dimension) elements, got \(g.count)")
    if dimension <= 2 {
      return scalarForwardGradient(tape, x, g)
    }
    let w = scalarWork
    let v = w.values
    load(x, into: v)
    let combined = w.combined
    var p = w.partials
    for i in combined {
      if i.op == .linearCombination {
        v[Int(i.out)] = i.combination(v, w.terms)
      } else {
        (p[0], p[1]) = i.linearize(v, p)
      }
      p += 2
    }
    let adjoints = w.adjoints
    adjoints.update(repeating: 0, count: w.count)
    adjoints[scalarOutput] = 1
    var k = combined.count
    while k > 0 {
      k -= 1
      p -= 2
      let i = combined[k]
      let gOut = adjoints[Int(i.out)]
      if i.op == .linearCombination {
        var term = w.terms + Int(i.a)
        let end = term + Int(i.b)
        while term < end {
          adjoints[Int(term.pointee.register)] += v[Int(term.pointee.factor)] * gOut
          term += 1
        }
        continue
      }
      adjoints[Int(i.a)] += p[0] * gOut
      // Branch-free: an inactive `b` is the sink or a constant, and its partial is 0.
      adjoints[Int(i.b)] += p[1] * gOut
    }
    withLiteralCount(dimension) { n in
      for k in 0..<n { g[k] = adjoints[k] }
    }
    return v[scalarOutput]
  }

  /// The gradient in forward mode, for one or two inputs, by the combined tape: every
  /// register carries its derivatives along each input, in the same pass as its value, so
  /// there is no reverse sweep.
  @inline(__always)
  func scalarForwardGradient(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>,
    _ g: UnsafeMutableBufferPointer<T>
  ) -> T {
    load(x, into: scalarWork.values)
    switch dimension {
    case 1: forwardSweep(OneTangent.self, g)
    case 2: forwardSweep(TwoTangents.self, g)
    default:
      // No inputs, no tangents.
      for i in scalarWork.combined { i.evaluate(scalarWork.values, scalarWork.terms) }
    }
    return scalarWork.values[scalarOutput]
  }

  /// The combined tape with one or two tangents per register, the inputs' values already
  /// loaded. A partial that is not finite reaches only the inputs its operand depends on, as
  /// in reverse mode (its product with the structural zero tangents would be NaN); a linear
  /// combination's factors are finite.
  // Generic over the count rather than inlined with a literal: the specialisation is certain.
  @inline(never)
  func forwardSweep<Count: TangentCount>(_: Count.Type, _ g: UnsafeMutableBufferPointer<T>) {
    let n = Count.n
    let w = scalarWork
    let v = w.values
    let t = w.tangents
    let terms = w.terms
    w.prepareTangents(width: n)
    for k in 0..<n {
      for j in 0..<n { t[k * n + j] = k == j ? 1 : 0 }
    }
    for i in w.combined {
      let to = t + Int(i.out) * n
      if i.op == .linearCombination {
        // Value and tangents accumulate in machine registers, term by term.
        var term = terms + Int(i.a)
        let end = term + Int(i.b)
        var r = Int(term.pointee.register)
        var c = v[Int(term.pointee.factor)]
        var o = v[r] * c
        var d0 = t[r * n] * c
        var d1 = n > 1 ? t[r * n + 1] * c : 0
        term += 1
        while term < end {
          r = Int(term.pointee.register)
          c = v[Int(term.pointee.factor)]
          o += v[r] * c
          d0 += t[r * n] * c
          if n > 1 { d1 += t[r * n + 1] * c }
          term += 1
        }
        v[Int(i.out)] = o
        to[0] = d0
        if n > 1 { to[1] = d1 }
        continue
      }
      let (fa, fb) = i.linearize(v, w.partials)
      let ta = t + Int(i.a) * n
      let tb = t + Int(i.b) * n
      if (fa - fa) + (fb - fb) == 0 {
        for j in 0..<n { to[j] = fa * ta[j] + fb * tb[j] }
      } else {
        for j in 0..<n {
          var d: T = 0
          if i.dependence & (1 << j) != 0 { d += fa * ta[j] }
          if i.dependence & (16 << j) != 0 { d += fb * tb[j] }
          to[j] = d
        }
      }
    }
    let tOut = t + scalarOutput * n
    for k in 0..<n { g[k] = tOut[k] }
  }

  /// Values, partials, and `m` tangents per register over the combined tape, the inputs'
  /// tangents already seeded (input k's at k·m).
  @inline(__always)
  func scalarSecondOrderForward(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>, _ m: Int
  ) {
    let w = scalarWork
    let v = w.values
    let t = w.tangents
    load(x, into: v)
    withLiteralCount(m) { m in
      var p = w.partials
      for i in w.combined {
        let to = t + Int(i.out) * m
        if i.op == .linearCombination {
          var term = w.terms + Int(i.a)
          let end = term + Int(i.b)
          var r = Int(term.pointee.register)
          var c = v[Int(term.pointee.factor)]
          var o = v[r] * c
          for j in 0..<m { to[j] = c * t[r * m + j] }
          term += 1
          while term < end {
            r = Int(term.pointee.register)
            c = v[Int(term.pointee.factor)]
            o += v[r] * c
            for j in 0..<m { to[j] += c * t[r * m + j] }
            term += 1
          }
          v[Int(i.out)] = o
          p += 5
          continue
        }
        let (fa, fb) = i.secondOrder(v, p)
        let ta = t + Int(i.a) * m
        let tb = t + Int(i.b) * m
        for j in 0..<m { to[j] = fa * ta[j] + fb * tb[j] }
        p += 5
      }
    }
  }

  /// The reverse sweep over the linearised combined tape carrying `m` adjoint tangents per
  /// register; afterwards input k's adjoint tangents are at `adjointTangents[k·m..<k·m + m]`.
  @inline(__always)
  func scalarSecondOrderReverse(_ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ m: Int) {
    let w = scalarWork
    w.adjoints.update(repeating: 0, count: w.count)
    w.adjointTangents.update(repeating: 0, count: w.count * m)
    w.adjoints[scalarOutput] = 1
    let t = w.tangents
    let at = w.adjointTangents
    let combined = w.combined
    withLiteralCount(m) { m in
      var p = w.partials + 5 * combined.count
      var k = combined.count
      while k > 0 {
        k -= 1
        p -= 5
        let i = combined[k]
        let o = Int(i.out)
        let g = w.adjoints[o]
        let gt = at + o * m
        if i.op == .linearCombination {
          // Linear: each term's adjoint and adjoint tangents follow its constant factor.
          var term = w.terms + Int(i.a)
          let end = term + Int(i.b)
          while term < end {
            let r = Int(term.pointee.register)
            let c = w.values[Int(term.pointee.factor)]
            w.adjoints[r] += c * g
            let atr = at + r * m
            for j in 0..<m { atr[j] += c * gt[j] }
            term += 1
          }
          continue
        }
        let a = Int(i.a)
        let b = Int(i.b)
        let (fa, fb) = (p[0], p[1])
        w.adjoints[a] += fa * g
        w.adjoints[b] += fb * g
        let ata = at + a * m
        let atb = at + b * m
        // Without curvature the adjoint tangents follow the first partials alone.
        if i.op.isLinear {
          for j in 0..<m {
            let gtj = gt[j]
            ata[j] += fa * gtj
            atb[j] += fb * gtj
          }
          continue
        }
        let (faa, fab, fbb) = (p[2], p[3], p[4])
        let ta = t + a * m
        let tb = t + b * m
        for j in 0..<m {
          let dta = ta[j]
          let dtb = tb[j]
          let gtj = gt[j]
          ata[j] += fa * gtj + (faa * dta + fab * dtb) * g
          atb[j] += fb * gtj + (fab * dta + fbb * dtb) * g
        }
      }
    }
  }

  /// H(x)·v by one forward-over-reverse sweep with one tangent.
  // Not inlined: see `scalarValue`.
  @inline(never)
  func scalarHessianVectorProduct(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>,
    _ v: UnsafeBufferPointer<T>, _ hv: UnsafeMutableBufferPointer<T>
  ) -> T {
    precondition(hv.count == dimension, "expected \(dimension) elements, got \(hv.count)")
    precondition(v.count == dimension, "expected \(dimension) elements, got \(v.count)")
    let w = scalarWork
    w.prepareTangents(width: 1)
    for k in 0..<dimension { w.tangents[k] = v[k] }
    scalarSecondOrderForward(tape, x, 1)
    scalarSecondOrderReverse(tape, 1)
    for k in 0..<dimension { hv[k] = w.adjointTangents[k] }
    return w.values[scalarOutput]
  }

  /// The Hessian, row-major, in one forward-over-reverse sweep carrying all n tangents (an
  /// identity seed) instead of n Hessian–vector products.
  // Not inlined: see `scalarValue`.
  @inline(never)
  func scalarHessian(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>,
    _ h: UnsafeMutableBufferPointer<T>
  ) {
    let w = scalarWork
    let n = dimension
    w.prepareTangents(width: n)
    for k in 0..<n {
      for j in 0..<n { w.tangents[k * n + j] = k == j ? 1 : 0 }
    }
    scalarSecondOrderForward(tape, x, n)
    scalarSecondOrderReverse(tape, n)
    for k in 0..<(n * n) { h[k] = w.adjointTangents[k] }
  }
}
