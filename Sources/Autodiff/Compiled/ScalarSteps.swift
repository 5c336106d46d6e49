/// One instruction of the scalar tape in each of the three forward sweeps: value only, value
/// and first partials, value and first and second partials. Every operation but `.general`
/// is written out here; `.general` goes through its element rule.
extension ScalarInstruction {
  /// o = f(a, b, k).
  @inline(__always)
  func evaluate<T: DifferentiableScalar>(_ v: UnsafeMutablePointer<T>) {
    let a = v[Int(self.a)]
    let b = v[Int(self.b)]
    let k = v[Int(self.k)]
    let o: T
    switch op {
    case .copy: o = a
    case .add: o = a + b
    case .subtract: o = a - b
    case .multiply: o = a * b
    case .square: o = a * a
    case .negate: o = -a
    case .addConstant: o = a + k
    case .subtractConstant: o = a - k
    case .constantMinus: o = k - a
    case .multiplyConstant: o = a * k
    case .divideByConstant: o = a / k
    case .constantOver: o = k / a
    case .addScaled: o = a + b * k
    case .subtractScaled: o = a - b * k
    case .scaledMinus: o = b * k - a
    case .constantMinusScaled: o = b - a * k
    case .scaledProduct: o = a * k * b
    case .sumPlusConstant: o = a + b + k
    case .productPlusConstant: o = a * b + k
    case .general:
      ScalarGeneralValue(a: a, b: b, o: v + Int(out)).dispatch(code)
      return
    }
    v[Int(out)] = o
  }

  /// o = f(a, b, k), and ∂o/∂a, ∂o/∂b stored at `p` (0 for an operand that is not active).
  @inline(__always)
  func linearize<T: DifferentiableScalar>(
    _ v: UnsafeMutablePointer<T>, _ p: UnsafeMutablePointer<T>
  ) {
    let a = v[Int(self.a)]
    let b = v[Int(self.b)]
    let k = v[Int(self.k)]
    let o: T
    let fa: T
    let fb: T
    switch op {
    case .copy: (o, fa, fb) = (a, 1, 0)
    case .add: (o, fa, fb) = (a + b, 1, 1)
    case .subtract: (o, fa, fb) = (a - b, 1, -1)
    case .multiply: (o, fa, fb) = (a * b, b, a)
    case .square: (o, fa, fb) = (a * a, 2 * a, 0)
    case .negate: (o, fa, fb) = (-a, -1, 0)
    case .addConstant: (o, fa, fb) = (a + k, 1, 0)
    case .subtractConstant: (o, fa, fb) = (a - k, 1, 0)
    case .constantMinus: (o, fa, fb) = (k - a, -1, 0)
    case .multiplyConstant: (o, fa, fb) = (a * k, k, 0)
    case .divideByConstant: (o, fa, fb) = (a / k, 1 / k, 0)
    case .constantOver:
      o = k / a
      (fa, fb) = (-o * (1 / a), 0)
    case .addScaled: (o, fa, fb) = (a + b * k, 1, k)
    case .subtractScaled: (o, fa, fb) = (a - b * k, 1, -k)
    case .scaledMinus: (o, fa, fb) = (b * k - a, -1, k)
    case .constantMinusScaled: (o, fa, fb) = (b - a * k, -k, 0)
    case .scaledProduct: (o, fa, fb) = (a * k * b, k * b, a * k)
    case .sumPlusConstant: (o, fa, fb) = (a + b + k, 1, 1)
    case .productPlusConstant: (o, fa, fb) = (a * b + k, b, a)
    case .general:
      ScalarGeneralFirst(i: self, a: a, b: b, v: v, p: p).dispatch(code)
      return
    }
    v[Int(out)] = o
    p[0] = fa
    p[1] = fb
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
    case .general:
      ScalarGeneralSecond(i: self, a: a, b: b, v: v, p: p).dispatch(code)
      return (p[0], p[1])
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
