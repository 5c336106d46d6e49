/// One instruction of the scalar tape in each of the three forward sweeps: value only, value
/// and first partials, value and first and second partials. Every operation but `.general`
/// is written out here; `.general` goes through its element rule.
extension ScalarInstruction {
  /// o = f(a, b, k); a `.linearCombination` reads its terms from `terms`.
  @inline(__always)
  func evaluate<T: DifferentiableScalar>(
    _ v: UnsafeMutablePointer<T>, _ terms: UnsafePointer<ScalarTerm>
  ) {
    // Each case loads only the registers it reads.
    let a = Int(self.a)
    let b = Int(self.b)
    let k = Int(self.k)
    let o: T
    switch op {
    case .copy: o = v[a]
    case .add: o = v[a] + v[b]
    case .subtract: o = v[a] - v[b]
    case .multiply: o = v[a] * v[b]
    case .square: o = v[a] * v[a]
    case .negate: o = -v[a]
    case .addConstant: o = v[a] + v[k]
    case .subtractConstant: o = v[a] - v[k]
    case .constantMinus: o = v[k] - v[a]
    case .multiplyConstant: o = v[a] * v[k]
    case .divideByConstant: o = v[a] / v[k]
    case .constantOver: o = v[k] / v[a]
    case .addScaled: o = v[a] + v[b] * v[k]
    case .subtractScaled: o = v[a] - v[b] * v[k]
    case .scaledMinus: o = v[b] * v[k] - v[a]
    case .constantMinusScaled: o = v[b] - v[a] * v[k]
    case .scaledProduct: o = v[a] * v[k] * v[b]
    case .sumPlusConstant: o = v[a] + v[b] + v[k]
    case .productPlusConstant: o = v[a] * v[b] + v[k]
    case .squareProductPlusConstant:
      let x = v[a]
      o = x * x * v[b] + v[k]
    case .general:
      ScalarGeneralValue(a: v[a], b: v[b], o: v + Int(out)).dispatch(code)
      return
    case .linearCombination: o = combination(v, terms)
    }
    v[Int(out)] = o
  }

  /// r₀·k₀ + r₁·k₁ + … over a `.linearCombination`'s terms, added left to right.
  @inline(__always)
  func combination<T: DifferentiableScalar>(
    _ v: UnsafeMutablePointer<T>, _ terms: UnsafePointer<ScalarTerm>
  ) -> T {
    var term = terms + Int(a)
    let end = term + Int(b)
    var sum = v[Int(term.pointee.register)] * v[Int(term.pointee.factor)]
    term += 1
    while term < end {
      sum += v[Int(term.pointee.register)] * v[Int(term.pointee.factor)]
      term += 1
    }
    return sum
  }

  /// o = f(a, b, k); returns ∂o/∂a, ∂o/∂b (0 for an operand that is not active). A
  /// `.general` instruction also leaves them at `p`.
  @inline(__always)
  func linearize<T: DifferentiableScalar>(
    _ v: UnsafeMutablePointer<T>, _ p: UnsafeMutablePointer<T>
  ) -> (fa: T, fb: T) {
    let a = Int(self.a)
    let b = Int(self.b)
    let k = Int(self.k)
    let o: T
    let fa: T
    var fb: T = 0
    switch op {
    case .copy: (o, fa) = (v[a], 1)
    case .add: (o, fa, fb) = (v[a] + v[b], 1, 1)
    case .subtract: (o, fa, fb) = (v[a] - v[b], 1, -1)
    case .multiply:
      let (x, y) = (v[a], v[b])
      (o, fa, fb) = (x * y, y, x)
    case .square:
      let x = v[a]
      (o, fa) = (x * x, 2 * x)
    case .negate: (o, fa) = (-v[a], -1)
    case .addConstant: (o, fa) = (v[a] + v[k], 1)
    case .subtractConstant: (o, fa) = (v[a] - v[k], 1)
    case .constantMinus: (o, fa) = (v[k] - v[a], -1)
    case .multiplyConstant:
      let c = v[k]
      (o, fa) = (v[a] * c, c)
    case .divideByConstant:
      let c = v[k]
      (o, fa) = (v[a] / c, 1 / c)
    case .constantOver:
      let x = v[a]
      o = v[k] / x
      fa = -o * (1 / x)
    case .addScaled:
      let c = v[k]
      (o, fa, fb) = (v[a] + v[b] * c, 1, c)
    case .subtractScaled:
      let c = v[k]
      (o, fa, fb) = (v[a] - v[b] * c, 1, -c)
    case .scaledMinus:
      let c = v[k]
      (o, fa, fb) = (v[b] * c - v[a], -1, c)
    case .constantMinusScaled:
      let c = v[k]
      (o, fa) = (v[b] - v[a] * c, -c)
    case .scaledProduct:
      let (x, y, c) = (v[a], v[b], v[k])
      (o, fa, fb) = (x * c * y, c * y, x * c)
    case .sumPlusConstant: (o, fa, fb) = (v[a] + v[b] + v[k], 1, 1)
    case .productPlusConstant:
      let (x, y) = (v[a], v[b])
      (o, fa, fb) = (x * y + v[k], y, x)
    case .squareProductPlusConstant:
      let (x, y) = (v[a], v[b])
      let xx = x * x
      (o, fa, fb) = (xx * y + v[k], 2 * x * y, xx)
    case .general:
      return linearizeGeneral(v, p)
    case .linearCombination:
      preconditionFailure("a linear combination has no two partials")
    }
    v[Int(out)] = o
    return (fa, fb)
  }

  /// `linearize` for a `.general` instruction. Not inlined: the rules' many branches would
  /// stop the optimiser inlining `linearize` itself into the sweeps.
  @inline(never)
  func linearizeGeneral<T: DifferentiableScalar>(
    _ v: UnsafeMutablePointer<T>, _ p: UnsafeMutablePointer<T>
  ) -> (fa: T, fb: T) {
    ScalarGeneralFirst(i: self, a: v[Int(a)], b: v[Int(b)], v: v, p: p).dispatch(code)
    return (p[0], p[1])
  }

  /// o = f(a, b, k), and its five first and second partials stored at `p`; returns the two
  /// first partials.
  @inline(__always)
  func secondOrder<T: DifferentiableScalar>(
    _ v: UnsafeMutablePointer<T>, _ p: UnsafeMutablePointer<T>
  ) -> (fa: T, fb: T) {
    let a = v[Int(self.a)]
    let b = v[Int(self.b)]
    let k = v[Int(self.k)]
    let o: T
    var fa: T
    var fb: T = 0
    var faa: T = 0
    var fab: T = 0
    switch op {
    case .copy: (o, fa) = (a, 1)
    case .add: (o, fa, fb) = (a + b, 1, 1)
    case .subtract: (o, fa, fb) = (a - b, 1, -1)
    case .multiply: (o, fa, fb, fab) = (a * b, b, a, 1)
    case .square: (o, fa, faa) = (a * a, 2 * a, 2)
    case .negate: (o, fa) = (-a, -1)
    case .addConstant: (o, fa) = (a + k, 1)
    case .subtractConstant: (o, fa) = (a - k, 1)
    case .constantMinus: (o, fa) = (k - a, -1)
    case .multiplyConstant: (o, fa) = (a * k, k)
    case .divideByConstant: (o, fa) = (a / k, 1 / k)
    case .constantOver:
      o = k / a
      let r = 1 / a
      (fa, faa) = (-o * r, 2 * o * r * r)
    case .addScaled: (o, fa, fb) = (a + b * k, 1, k)
    case .subtractScaled: (o, fa, fb) = (a - b * k, 1, -k)
    case .scaledMinus: (o, fa, fb) = (b * k - a, -1, k)
    case .constantMinusScaled: (o, fa) = (b - a * k, -k)
    case .scaledProduct: (o, fa, fb, fab) = (a * k * b, k * b, a * k, k)
    case .sumPlusConstant: (o, fa, fb) = (a + b + k, 1, 1)
    case .productPlusConstant: (o, fa, fb, fab) = (a * b + k, b, a, 1)
    case .squareProductPlusConstant:
      let aa = a * a
      (o, fa, fb, faa, fab) = (aa * b + k, 2 * a * b, aa, 2 * b, 2 * a)
    case .general:
      ScalarGeneralSecond(i: self, a: a, b: b, v: v, p: p).dispatch(code)
      return (p[0], p[1])
    case .linearCombination:
      preconditionFailure("a linear combination has no two partials")
    }
    v[Int(out)] = o
    p[0] = fa
    p[1] = fb
    p[2] = faa
    p[3] = fab
    p[4] = 0
    return (fa, fb)
  }
}

/// o = f(a, b) through the element rule.
struct ScalarGeneralValue<T: DifferentiableScalar>: ChunkKernel {
  let a: T
  let b: T
  let o: UnsafeMutablePointer<T>

  @inline(__always)
  func run<R: ElementRule>(_ rule: R.Type) { o.pointee = R.value(a, b) }
}

/// o = f(a, b) and its two first partials, stored at `p`.
struct ScalarGeneralFirst<T: DifferentiableScalar>: ChunkKernel {
  let i: ScalarInstruction
  let a: T
  let b: T
  let v: UnsafeMutablePointer<T>
  let p: UnsafeMutablePointer<T>

  @inline(__always)
  func run<R: ElementRule>(_ rule: R.Type) {
    let o = R.value(a, b)
    v[Int(i.out)] = o
    let d = R.first(a, b, o)
    p[0] = i.aActive ? d.fa : 0
    p[1] = i.bActive ? d.fb : 0
  }
}

/// o = f(a, b) and its five first and second partials, stored at `p`.
struct ScalarGeneralSecond<T: DifferentiableScalar>: ChunkKernel {
  let i: ScalarInstruction
  let a: T
  let b: T
  let v: UnsafeMutablePointer<T>
  let p: UnsafeMutablePointer<T>

  @inline(__always)
  func run<R: ElementRule>(_ rule: R.Type) {
    let o = R.value(a, b)
    v[Int(i.out)] = o
    let d = R.second(a, b, o)
    p[0] = i.aActive ? d.fa : 0
    p[1] = i.bActive ? d.fb : 0
    p[2] = i.aActive ? d.faa : 0
    p[3] = i.aActive && i.bActive ? d.fab : 0
    p[4] = i.bActive ? d.fbb : 0
  }
}
