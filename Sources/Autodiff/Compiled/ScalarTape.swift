/// The specialised interpreter for programs where every value is a scalar (Goldstein–Price
/// and most small test functions): one flat register file holding the inputs, constants and
/// every intermediate, and one switch per instruction, with no chunk loops or region lookups.
///
/// Derivatives are taken from a linearised tape: the forward sweep stores each instruction's
/// local partial derivatives next to it, so the reverse sweep is a branch-free run of
/// multiply–adds that never re-evaluates a rule. Partials with respect to an operand that does
/// not depend on the input are stored as 0, so a constant operand never injects a NaN or an
/// infinity (such as `log` of a negative constant base) into a derivative.
struct ScalarInstruction {
  var code: ElementCode
  var aActive: Bool
  var bActive: Bool
  var out: Int32
  var a: Int32
  var b: Int32
}

struct ScalarTape {
  var instructions: [ScalarInstruction]
  /// Register count: inputs first (`dimension` of them), then the program's registers, then
  /// its chunk-local values, one register each.
  var registerCount: Int
  var output: Int

  /// Nil when some value of the program is not a scalar.
  init?<T>(_ program: Program<T>) {
    let n = program.dimension
    let r = program.registerInitial.count
    guard program.structurals.isEmpty,
      program.stages.allSatisfy({ $0.isGroup && $0.length == 1 })
    else { return nil }
    func index(_ region: Int, _ offset: Int) -> Int32 {
      switch region {
      case Region.input: return Int32(offset)
      case Region.registers: return Int32(n + offset)
      default: return Int32(n + r + offset / chunkSize)
      }
    }
    instructions = program.elements.map { e in
      ScalarInstruction(
        code: e.code, aActive: e.aActive, bActive: e.bActive,
        out: index(e.out.region, e.out.offset), a: index(e.a.region, e.a.offset),
        b: index(e.b.region, e.b.offset))
    }
    registerCount = n + r + program.localCount / chunkSize
    output = Int(index(program.output.region, program.output.offset))
  }
}

/// The work buffers of the scalar interpreter, sized once for one tape and one dimension.
struct ScalarWorkspace<T: DifferentiableScalar> {
  /// Register values, then register adjoints (`count` each).
  let values: UnsafeMutablePointer<T>
  let adjoints: UnsafeMutablePointer<T>
  /// Five local partials per instruction: ∂o/∂a, ∂o/∂b, ∂²o/∂a², ∂²o/∂a∂b, ∂²o/∂b².
  let partials: UnsafeMutablePointer<T>
  /// `dimension` tangents per register (row k of register r at r·n + k), and as many adjoint
  /// tangents: every column of the Hessian in one forward-over-reverse sweep.
  let tangents: UnsafeMutablePointer<T>
  let adjointTangents: UnsafeMutablePointer<T>
  let count: Int
  let dimension: Int

  init(registerCount: Int, instructionCount: Int, dimension: Int) {
    count = registerCount
    self.dimension = dimension
    values = .allocate(capacity: 2 * registerCount)
    values.initialize(repeating: 0, count: 2 * registerCount)
    adjoints = values + registerCount
    partials = .allocate(capacity: 5 * instructionCount)
    partials.initialize(repeating: 0, count: 5 * instructionCount)
    // At least one tangent per register, for Hessian–vector products.
    let width = Swift.max(dimension, 1)
    tangents = .allocate(capacity: 2 * registerCount * width)
    tangents.initialize(repeating: 0, count: 2 * registerCount * width)
    adjointTangents = tangents + registerCount * width
  }

  func deallocate() {
    values.deallocate()
    partials.deallocate()
    tangents.deallocate()
  }
}

/// o = f(a, b).
struct ScalarValueStep<T: DifferentiableScalar>: ChunkKernel {
  let i: ScalarInstruction
  let v: UnsafeMutablePointer<T>

  @inline(__always)
  func run<R: ElementRule>(_ rule: R.Type) {
    v[Int(i.out)] = R.value(v[Int(i.a)], v[Int(i.b)])
  }
}

/// o = f(a, b) and its two first partials, stored at `p`.
struct ScalarLinearizeStep<T: DifferentiableScalar>: ChunkKernel {
  let i: ScalarInstruction
  let v: UnsafeMutablePointer<T>
  let p: UnsafeMutablePointer<T>

  @inline(__always)
  func run<R: ElementRule>(_ rule: R.Type) {
    let a = v[Int(i.a)]
    let b = v[Int(i.b)]
    let o = R.value(a, b)
    v[Int(i.out)] = o
    let d = R.first(a, b, o)
    p[0] = i.aActive ? d.fa : 0
    p[1] = i.bActive ? d.fb : 0
  }
}

/// o = f(a, b), its five first and second partials stored at `p`, and the tangents of o along
/// every input direction.
struct ScalarSecondOrderStep<T: DifferentiableScalar>: ChunkKernel {
  let i: ScalarInstruction
  let v: UnsafeMutablePointer<T>
  let p: UnsafeMutablePointer<T>
  let t: UnsafeMutablePointer<T>
  let n: Int

  @inline(__always)
  func run<R: ElementRule>(_ rule: R.Type) {
    let a = v[Int(i.a)]
    let b = v[Int(i.b)]
    let o = R.value(a, b)
    v[Int(i.out)] = o
    let d = R.second(a, b, o)
    store(fa: d.fa, fb: d.fb, faa: d.faa, fab: d.fab, fbb: d.fbb)
  }

  @inline(__always)
  func store(fa: T, fb: T, faa: T, fab: T, fbb: T) {
    let fa = i.aActive ? fa : 0
    let fb = i.bActive ? fb : 0
    p[0] = fa
    p[1] = fb
    p[2] = i.aActive ? faa : 0
    p[3] = i.aActive && i.bActive ? fab : 0
    p[4] = i.bActive ? fbb : 0
    let ta = t + Int(i.a) * n
    let tb = t + Int(i.b) * n
    let to = t + Int(i.out) * n
    for k in 0..<n { to[k] = fa * ta[k] + fb * tb[k] }
  }
}

extension CompiledFunction {
  @inline(__always)
  func load(_ x: UnsafeBufferPointer<T>, into registers: UnsafeMutablePointer<T>) {
    precondition(x.count == dimension, "expected \(dimension) elements, got \(x.count)")
    for k in 0..<x.count { registers[k] = x[k] }
  }

  // Not inlined: inlined into the unspecialised public entry, its rule tuples would make
  // that entry look up tuple metadata at run time on every call, before dispatching to the
  // specialisation.
  @inline(never)
  func scalarValue(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>
  ) -> T {
    let w = scalarWork
    load(x, into: w.values)
    for i in tape {
      if i.code == .sum {
        w.values[Int(i.out)] = w.values[Int(i.a)]
      } else {
        ScalarValueStep(i: i, v: w.values).dispatch(i.code)
      }
    }
    return w.values[scalarOutput]
  }

  // Not inlined: inlined into the unspecialised public entry, its rule tuples would make
  // that entry look up tuple metadata at run time on every call, before dispatching to the
  // specialisation.
  @inline(never)
  func scalarGradient(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>,
    _ g: UnsafeMutableBufferPointer<T>
  ) -> T {
    precondition(g.count == dimension, "expected \(dimension) elements, got \(g.count)")
    let w = scalarWork
    load(x, into: w.values)
    var p = w.partials
    for i in tape {
      if i.code == .sum {
        w.values[Int(i.out)] = w.values[Int(i.a)]
        p[0] = i.aActive ? 1 : 0
        p[1] = 0
      } else {
        ScalarLinearizeStep(i: i, v: w.values, p: p).dispatch(i.code)
      }
      p += 5
    }
    let adjoints = w.adjoints
    adjoints.update(repeating: 0, count: w.count)
    adjoints[scalarOutput] = 1
    var k = tape.count
    while k > 0 {
      k -= 1
      p -= 5
      let i = tape[k]
      let gOut = adjoints[Int(i.out)]
      adjoints[Int(i.a)] += p[0] * gOut
      adjoints[Int(i.b)] += p[1] * gOut
    }
    for k in 0..<dimension { g[k] = adjoints[k] }
    return w.values[scalarOutput]
  }

  /// Values, partials, and `m` tangents per register, the inputs' tangents already seeded
  /// (input k's at k·m).
  @inline(__always)
  func scalarSecondOrderForward(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>, _ m: Int
  ) {
    let w = scalarWork
    load(x, into: w.values)
    var p = w.partials
    for i in tape {
      let step = ScalarSecondOrderStep(i: i, v: w.values, p: p, t: w.tangents, n: m)
      if i.code == .sum {
        w.values[Int(i.out)] = w.values[Int(i.a)]
        step.store(fa: 1, fb: 0, faa: 0, fab: 0, fbb: 0)
      } else {
        step.dispatch(i.code)
      }
      p += 5
    }
  }

  /// The reverse sweep over the linearised tape carrying `m` adjoint tangents per register;
  /// afterwards input k's adjoint tangents are at `adjointTangents[k·m..<k·m + m]`.
  @inline(__always)
  func scalarSecondOrderReverse(_ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ m: Int) {
    let w = scalarWork
    w.adjoints.update(repeating: 0, count: w.count)
    w.adjointTangents.update(repeating: 0, count: w.count * m)
    w.adjoints[scalarOutput] = 1
    let t = w.tangents
    let at = w.adjointTangents
    var p = w.partials + 5 * tape.count
    var k = tape.count
    while k > 0 {
      k -= 1
      p -= 5
      let i = tape[k]
      let o = Int(i.out)
      let a = Int(i.a)
      let b = Int(i.b)
      let g = w.adjoints[o]
      let (fa, fb, faa, fab, fbb) = (p[0], p[1], p[2], p[3], p[4])
      w.adjoints[a] += fa * g
      w.adjoints[b] += fb * g
      let ta = t + a * m
      let tb = t + b * m
      let gt = at + o * m
      let ata = at + a * m
      let atb = at + b * m
      for j in 0..<m {
        let dta = ta[j]
        let dtb = tb[j]
        let gtj = gt[j]
        ata[j] += fa * gtj + (faa * dta + fab * dtb) * g
        atb[j] += fb * gtj + (fab * dta + fbb * dtb) * g
      }
    }
  }

  /// H(x)·v by one forward-over-reverse sweep with one tangent.
  // Not inlined: inlined into the unspecialised public entry, its rule tuples would make
  // that entry look up tuple metadata at run time on every call, before dispatching to the
  // specialisation.
  @inline(never)
  func scalarHessianVectorProduct(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>,
    _ v: UnsafeBufferPointer<T>, _ hv: UnsafeMutableBufferPointer<T>
  ) -> T {
    precondition(hv.count == dimension, "expected \(dimension) elements, got \(hv.count)")
    precondition(v.count == dimension, "expected \(dimension) elements, got \(v.count)")
    let w = scalarWork
    for k in 0..<dimension { w.tangents[k] = v[k] }
    scalarSecondOrderForward(tape, x, 1)
    scalarSecondOrderReverse(tape, 1)
    for k in 0..<dimension { hv[k] = w.adjointTangents[k] }
    return w.values[scalarOutput]
  }

  /// The Hessian, row-major, in one forward-over-reverse sweep carrying all n tangents (an
  /// identity seed) instead of n Hessian–vector products.
  // Not inlined: inlined into the unspecialised public entry, its rule tuples would make
  // that entry look up tuple metadata at run time on every call, before dispatching to the
  // specialisation.
  @inline(never)
  func scalarHessian(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>,
    _ h: UnsafeMutableBufferPointer<T>
  ) {
    let w = scalarWork
    let n = dimension
    for k in 0..<n {
      for j in 0..<n { w.tangents[k * n + j] = k == j ? 1 : 0 }
    }
    scalarSecondOrderForward(tape, x, n)
    scalarSecondOrderReverse(tape, n)
    for k in 0..<(n * n) { h[k] = w.adjointTangents[k] }
  }
}
