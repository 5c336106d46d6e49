/// The define-by-run API: every function here computes its value now and, when recording,
/// remembers how, so that `backward()` can run it in reverse.

extension Variable {
  // Specialised so that recording in Double or Float does not pay generic dispatch per element.
  /// Applies a primitive. Throws when the operand shapes do not fit.
  @_specialize(where T == Double)
  public static func applying(_ op: Op, to inputs: [Variable<T>]) throws(ShapeError) -> Variable<T>
  {
    if let result = scalarElementwise(op, Operands(inputs)) { return result }
    let shape = try Kernels.resultShape(op, inputs.map { $0.shape }).get()
    let value = Kernels.evaluate(op, inputs.map { $0.storedValue }, shape: shape)
    return Variable(computing: op, from: Operands(inputs), value: value)
  }

  /// Applies a primitive to one operand. Throws when its shape does not fit.
  @_specialize(where T == Double)
  public static func applying(_ op: Op, to a: Variable<T>) throws(ShapeError) -> Variable<T> {
    if let result = scalarElementwise(op, .one(a)) { return result }
    return try applying(op, to: [a])
  }

  /// Applies a primitive to two operands. Throws when their shapes do not fit.
  @_specialize(where T == Double)
  public static func applying(_ op: Op, to a: Variable<T>, _ b: Variable<T>) throws(ShapeError)
    -> Variable<T>
  {
    if let result = scalarElementwise(op, .two(a, b)) { return result }
    return try applying(op, to: [a, b])
  }

  /// Applies a binary element-wise primitive to an operand and a plain number (a scalar, which
  /// fits any shape). With a scalar operand the number stays inline: no node is made for it.
  @_specialize(where T == Double)
  public static func applying(_ op: Op, to a: Variable<T>, _ b: T) -> Variable<T> {
    precondition(op.isElementwise && !op.isUnary, "\(op) is not a binary element-wise operation")
    return apply(op, a, b)
  }

  /// Applies a binary element-wise primitive to a plain number and an operand; see above.
  @_specialize(where T == Double)
  public static func applying(_ op: Op, to a: T, _ b: Variable<T>) -> Variable<T> {
    precondition(op.isElementwise && !op.isUnary, "\(op) is not a binary element-wise operation")
    return apply(op, a, b)
  }

  /// An element-wise operation on scalars, the bulk of small problems, without the general
  /// shape and tensor bookkeeping; nil for anything else.
  private static func scalarElementwise(_ op: Op, _ operands: Operands<T>) -> Variable<T>? {
    guard op.isElementwise else { return nil }
    switch operands {
    case .one(let a) where a.shape.isScalar && op.isUnary:
      return Variable(computing: op, from: operands, scalar: Kernels.unary(op, a.scalarValue))
    case .two(let a, let b) where a.shape.isScalar && b.shape.isScalar && !op.isUnary:
      let value = Kernels.binary(op, a.scalarValue, b.scalarValue)
      return Variable(computing: op, from: operands, scalar: value)
    default:
      return nil
    }
  }

  /// Applies a primitive to one operand known to fit; a misfit is a programming error.
  @_specialize(where T == Double)
  static func apply(_ op: Op, _ a: Variable<T>) -> Variable<T> {
    apply(op, .one(a))
  }

  /// Applies a primitive to two operands known to fit; a misfit is a programming error.
  @_specialize(where T == Double)
  static func apply(_ op: Op, _ a: Variable<T>, _ b: Variable<T>) -> Variable<T> {
    apply(op, .two(a, b))
  }

  /// Applies a binary element-wise primitive to an operand and a constant. With a scalar
  /// operand the constant stays a plain number (no node is made for it).
  @_specialize(where T == Double)
  static func apply(_ op: Op, _ a: Variable<T>, _ b: T) -> Variable<T> {
    guard a.shape.isScalar else { return apply(op, .two(a, Variable(b))) }
    let value = Kernels.binary(op, a.scalarValue, b)
    return Variable(computing: op, from: .variableAndConstant(a), constant: b, scalar: value)
  }

  /// Applies a binary element-wise primitive to a constant and an operand; see above.
  @_specialize(where T == Double)
  static func apply(_ op: Op, _ a: T, _ b: Variable<T>) -> Variable<T> {
    guard b.shape.isScalar else { return apply(op, .two(Variable(a), b)) }
    let value = Kernels.binary(op, a, b.scalarValue)
    return Variable(computing: op, from: .constantAndVariable(b), constant: a, scalar: value)
  }

  private static func apply(_ op: Op, _ operands: Operands<T>) -> Variable<T> {
    if let result = scalarElementwise(op, operands) { return result }
    do {
      return try applying(op, to: operands.array)
    } catch {
      preconditionFailure(error.description)
    }
  }

  /// A constant with this precision.
  static func constant(_ value: T) -> Variable<T> { Variable(value) }
}

// MARK: Arithmetic

// Every function is specialised for Double: a graph built in another module then goes from the
// generic entry to specialised code once per operation, not at every call inside.

@_specialize(where T == Double)
@_disfavoredOverload
public func + <T>(a: Variable<T>, b: Variable<T>) -> Variable<T> { .apply(.add, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func - <T>(a: Variable<T>, b: Variable<T>) -> Variable<T> { .apply(.subtract, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func * <T>(a: Variable<T>, b: Variable<T>) -> Variable<T> { .apply(.multiply, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func / <T>(a: Variable<T>, b: Variable<T>) -> Variable<T> { .apply(.divide, a, b) }
@_specialize(where T == Double)
public prefix func - <T>(a: Variable<T>) -> Variable<T> { .apply(.negate, a) }

// `type(of: a)` rather than `Variable<T>`: unspecialised callers otherwise look up the metadata
// of `Variable<T>` at every call (a hashed cache lookup), where the operand's class is at hand.
@_specialize(where T == Double)
@_disfavoredOverload
public func + <T>(a: Variable<T>, b: T) -> Variable<T> { type(of: a).apply(.add, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func + <T>(a: T, b: Variable<T>) -> Variable<T> { type(of: b).apply(.add, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func - <T>(a: Variable<T>, b: T) -> Variable<T> { type(of: a).apply(.subtract, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func - <T>(a: T, b: Variable<T>) -> Variable<T> { type(of: b).apply(.subtract, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func * <T>(a: Variable<T>, b: T) -> Variable<T> { type(of: a).apply(.multiply, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func * <T>(a: T, b: Variable<T>) -> Variable<T> { type(of: b).apply(.multiply, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func / <T>(a: Variable<T>, b: T) -> Variable<T> { type(of: a).apply(.divide, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func / <T>(a: T, b: Variable<T>) -> Variable<T> { type(of: b).apply(.divide, a, b) }

/// `a^b`; integer exponents of negative bases are exact.
@_specialize(where T == Double)
@_disfavoredOverload
public func pow<T>(_ a: Variable<T>, _ b: Variable<T>) -> Variable<T> { .apply(.power, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func pow<T>(_ a: Variable<T>, _ b: T) -> Variable<T> { type(of: a).apply(.power, a, b) }
@_specialize(where T == Double)
@_disfavoredOverload
public func pow<T>(_ a: T, _ b: Variable<T>) -> Variable<T> { type(of: b).apply(.power, a, b) }

// MARK: Element-wise functions (those of one operand are in UnaryFunctions.swift)

@_specialize(where T == Double)
public func atan2<T>(_ y: Variable<T>, _ x: Variable<T>) -> Variable<T> { .apply(.atan2, y, x) }
/// Element-wise minimum; NaN propagates.
@_specialize(where T == Double)
public func min<T>(_ a: Variable<T>, _ b: Variable<T>) -> Variable<T> { .apply(.minimum, a, b) }
/// Element-wise maximum; NaN propagates.
@_specialize(where T == Double)
public func max<T>(_ a: Variable<T>, _ b: Variable<T>) -> Variable<T> { .apply(.maximum, a, b) }

// MARK: Reductions (a scalar counts as a vector of length 1)

public func sum<T>(_ x: Variable<T>) -> Variable<T> { .apply(.sum, x) }
public func prod<T>(_ x: Variable<T>) -> Variable<T> { .apply(.product, x) }
/// Arithmetic mean; NaN for an empty vector.
public func mean<T>(_ x: Variable<T>) -> Variable<T> { sum(x) / T(x.shape.count) }
public func dot<T>(_ a: Variable<T>, _ b: Variable<T>) -> Variable<T> { sum(a * b) }
/// Euclidean norm.
public func norm<T>(_ x: Variable<T>) -> Variable<T> { sqrt(sum(x * x)) }

// MARK: Structure

extension Variable {
  /// Element `i` (0-based; negative counts from the end).
  public subscript(i: Int) -> Variable<T> { element(i) }

  // Specialised: generic code here looked up type metadata at every element read.
  @_specialize(where T == Double)
  private func element(_ i: Int) -> Variable<T> {
    let n = shape.count
    let index = i < 0 ? i + n : i
    // An element in range, straight to a scalar node: no shape or tensor bookkeeping.
    if let elements = vectorElements, elements.indices.contains(index) {
      return Variable(computing: .index(index), from: .one(self), scalar: elements[index])
    }
    if !(0..<n).contains(index), let watch = RecordingWatch.active {
      // Reported by the watched recording, which then refuses the function.
      watch.findings.withLock { $0.outOfRange = $0.outOfRange ?? (i, n) }
      return Variable(T.nan)
    }
    return .apply(.index(index), self)
  }

  /// Elements `lower..<upper`, clamped as Python slices are; negative bounds count from the end.
  public func slice(_ lower: Int?, _ upper: Int?) -> Variable<T> {
    let n = shape.count
    func clamp(_ b: Int) -> Int { Swift.min(Swift.max(b < 0 ? b + n : b, 0), n) }
    let l = clamp(lower ?? 0)
    let u = Swift.max(clamp(upper ?? n), l)
    return .apply(.slice(lower: l, upper: u), self)
  }
}

/// Scalars and vectors joined into one vector.
public func concat<T>(_ parts: [Variable<T>]) -> Variable<T> {
  do {
    return try Variable.applying(.concat, to: parts)
  } catch {
    preconditionFailure(error.description)
  }
}

/// `x` tiled `times` times.
public func `repeat`<T>(_ x: Variable<T>, _ times: Int) -> Variable<T> {
  .apply(.tile(times: times), x)
}
