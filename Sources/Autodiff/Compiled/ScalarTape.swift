/// The specialised interpreter for programs where every value is a scalar (Goldstein–Price
/// and most small test functions): one flat register file holding the inputs, constants and
/// every intermediate, and one switch per instruction, with no chunk loops or region lookups.
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

/// One scalar instruction, for each sweep, with the rule chosen by the caller's switch.
struct ScalarStep<T: DifferentiableScalar>: ChunkKernel {
  let i: ScalarInstruction
  let values: UnsafeMutablePointer<T>
  let tangents: UnsafeMutablePointer<T>
  let adjoints: UnsafeMutablePointer<T>
  let adjointTangents: UnsafeMutablePointer<T>
  let sweep: Sweep

  enum Sweep { case value, tangent, adjoint, adjointTangent }

  @inline(__always)
  func run<R: ElementRule>(_ rule: R.Type) {
    let a = Int(i.a)
    let b = Int(i.b)
    let o = Int(i.out)
    switch sweep {
    case .value:
      values[o] = R.value(values[a], values[b])
    case .tangent:
      let v = R.value(values[a], values[b])
      values[o] = v
      let d = R.first(values[a], values[b], v)
      var t: T = 0
      if i.aActive { t += d.fa * tangents[a] }
      if i.bActive { t += d.fb * tangents[b] }
      tangents[o] = t
    case .adjoint:
      let d = R.first(values[a], values[b], values[o])
      let g = adjoints[o]
      if i.aActive { adjoints[a] += d.fa * g }
      if i.bActive { adjoints[b] += d.fb * g }
    case .adjointTangent:
      let d = R.second(values[a], values[b], values[o])
      let g = adjoints[o]
      let gt = adjointTangents[o]
      let ta = i.aActive ? tangents[a] : 0
      let tb = i.bActive ? tangents[b] : 0
      if i.aActive {
        var curvature = d.faa * ta
        if i.bActive { curvature += d.fab * tb }
        adjoints[a] += d.fa * g
        adjointTangents[a] += d.fa * gt + curvature * g
      }
      if i.bActive {
        var curvature = d.fbb * tb
        if i.aActive { curvature += d.fab * ta }
        adjoints[b] += d.fb * g
        adjointTangents[b] += d.fb * gt + curvature * g
      }
    }
  }

  /// Runs the step; a scalar `sum` is a copy.
  @inline(__always)
  func execute() {
    guard i.code == .sum else { return dispatch(i.code) }
    let a = Int(i.a)
    let o = Int(i.out)
    switch sweep {
    case .value: values[o] = values[a]
    case .tangent:
      values[o] = values[a]
      tangents[o] = tangents[a]
    case .adjoint:
      if i.aActive { adjoints[a] += adjoints[o] }
    case .adjointTangent:
      if i.aActive {
        adjoints[a] += adjoints[o]
        adjointTangents[a] += adjointTangents[o]
      }
    }
  }
}

extension CompiledFunction {
  @inline(__always)
  func scalarSweep(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ sweep: ScalarStep<T>.Sweep
  ) {
    let r = scalarRegisters
    let c = scalarCount
    if sweep == .value || sweep == .tangent {
      for i in tape {
        ScalarStep(
          i: i, values: r, tangents: r + c, adjoints: r + 2 * c, adjointTangents: r + 3 * c,
          sweep: sweep
        ).execute()
      }
    } else {
      var k = tape.count
      while k > 0 {
        k -= 1
        ScalarStep(
          i: tape[k], values: r, tangents: r + c, adjoints: r + 2 * c,
          adjointTangents: r + 3 * c, sweep: sweep
        ).execute()
      }
    }
  }

  @inline(__always)
  func load(_ x: UnsafeBufferPointer<T>, into registers: UnsafeMutablePointer<T>) {
    precondition(x.count == dimension, "expected \(dimension) elements, got \(x.count)")
    for k in 0..<x.count { registers[k] = x[k] }
  }

  @inline(__always)
  func scalarValue(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>
  )
    -> T
  {
    load(x, into: scalarRegisters)
    scalarSweep(tape, .value)
    return scalarRegisters[scalarOutput]
  }

  @inline(__always)
  func scalarGradient(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>,
    _ g: UnsafeMutableBufferPointer<T>
  ) -> T {
    precondition(g.count == dimension, "expected \(dimension) elements, got \(g.count)")
    load(x, into: scalarRegisters)
    scalarSweep(tape, .value)
    let adjoints = scalarRegisters + 2 * scalarCount
    adjoints.update(repeating: 0, count: scalarCount)
    adjoints[scalarOutput] = 1
    scalarSweep(tape, .adjoint)
    for k in 0..<dimension { g[k] = adjoints[k] }
    return scalarRegisters[scalarOutput]
  }

  @inline(__always)
  func scalarHessianVectorProduct(
    _ tape: UnsafeMutableBufferPointer<ScalarInstruction>, _ x: UnsafeBufferPointer<T>,
    _ v: UnsafeBufferPointer<T>, _ hv: UnsafeMutableBufferPointer<T>
  ) -> T {
    precondition(hv.count == dimension, "expected \(dimension) elements, got \(hv.count)")
    load(x, into: scalarRegisters)
    load(v, into: scalarRegisters + scalarCount)
    scalarSweep(tape, .tangent)
    let adjoints = scalarRegisters + 2 * scalarCount
    adjoints.update(repeating: 0, count: 2 * scalarCount)
    adjoints[scalarOutput] = 1
    scalarSweep(tape, .adjointTangent)
    for k in 0..<dimension { hv[k] = adjoints[scalarCount + k] }
    return scalarRegisters[scalarOutput]
  }
}
