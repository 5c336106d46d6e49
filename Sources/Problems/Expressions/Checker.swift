import Autodiff
import OptimizationCore

/// Resolves names and checks shapes of a parsed expression, producing a `Node`. Anything that
/// does not depend on the variables is evaluated here, once, in Double.
struct Checker {
  /// The most elements a `range` or `repeat` may make: 800 MB of Doubles.
  static let maximumLength = 100_000_000

  let scope: Scope

  func check(_ e: Expression) throws(ExpressionError) -> Node {
    switch e.kind {
    case .number(let v):
      return .constant(Tensor(v))
    case .name(let name):
      guard let node = scope.resolve(name) else {
        var message = "unknown name '\(name)'"
        let names = scope.allNames
        message += " (in scope: \(names.joined(separator: ", ")))"
        if Function(rawValue: name) != nil {
          message += "; '\(name)' is a function, call it as \(name)(…)"
        }
        throw ExpressionError(message: message, range: e.range)
      }
      return node
    case .negate(let operand):
      return try apply(.negate, [check(operand)], at: e.range)
    case .binary(let op, let a, let b):
      let ops: [Expression.BinaryOperator: Op] = [
        .add: .add, .subtract: .subtract, .multiply: .multiply, .divide: .divide, .power: .power,
      ]
      return try elementwise(ops[op]!, "'\(op.rawValue)'", [check(a), check(b)], at: e.range)
    case .index(let base, let index):
      let b = try check(base)
      guard case .vector(let n) = b.shape else {
        throw ExpressionError(message: "cannot index a scalar", range: e.range)
      }
      let i = try wholeNumber(index, "an index")
      guard i >= -n && i < n else {
        throw ExpressionError(
          message: "index \(i) is out of range for a vector of length \(n)", range: index.range)
      }
      return try apply(.index(i < 0 ? i + n : i), [b], at: e.range)
    case .slice(let base, let lower, let upper):
      let b = try check(base)
      guard case .vector(let n) = b.shape else {
        throw ExpressionError(message: "cannot slice a scalar", range: e.range)
      }
      func clamp(_ bound: Int) -> Int { Swift.min(Swift.max(bound < 0 ? bound + n : bound, 0), n) }
      let l =
        try lower.map { (x) throws(ExpressionError) in clamp(try wholeNumber(x, "a slice bound")) }
        ?? 0
      let u =
        try upper.map { (x) throws(ExpressionError) in clamp(try wholeNumber(x, "a slice bound")) }
        ?? n
      if l == 0 && u == n { return b }
      return try apply(.slice(lower: l, upper: Swift.max(u, l)), [b], at: e.range)
    case .vector(let elements):
      let parts = try elements.map { (x) throws(ExpressionError) in try check(x) }
      if parts.count == 1, case .vector = parts[0].shape { return parts[0] }
      return try apply(.concat, parts, at: e.range)
    case .call(let name, let nameRange, let arguments):
      guard let function = Function(rawValue: name) else {
        let known = Function.allCases.map(\.rawValue)
        var message = "unknown function '\(name)'"
        let near = NameSuggestion.nearest(to: name, among: known)
        if !near.isEmpty {
          message += "; did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?"
        }
        message += " (functions: \(known.joined(separator: ", ")))"
        throw ExpressionError(message: message, range: nameRange)
      }
      guard arguments.count == function.arity else {
        throw ExpressionError(
          message:
            "'\(name)' takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), "
            + "given \(arguments.count)",
          range: e.range)
      }
      return try call(function, arguments, at: e.range)
    }
  }

  private func call(_ f: Function, _ args: [Expression], at range: SourceRange)
    throws(ExpressionError) -> Node
  {
    switch f {
    case .len:
      return .constant(Tensor(Double(try check(args[0]).shape.count)))
    case .repeat:
      let v = try check(args[0])
      let k = try wholeNumber(args[1], "a repeat count")
      guard k >= 0 else {
        throw ExpressionError(message: "repeat count \(k) is negative", range: args[1].range)
      }
      guard k <= Self.maximumLength / Swift.max(v.shape.count, 1) else {
        throw ExpressionError(
          message: "repeat makes more than \(Self.maximumLength) elements", range: range)
      }
      return try apply(.tile(times: k), [v], at: range)
    case .range:
      let a = try wholeNumber(args[0], "a range bound")
      let b = try wholeNumber(args[1], "a range bound")
      guard b <= a || b - a <= Self.maximumLength else {
        throw ExpressionError(
          message: "range(\(a), \(b)) has more than \(Self.maximumLength) elements", range: range)
      }
      return .constant(Tensor(a < b ? (a..<b).map(Double.init) : []))
    case .sum:
      return try apply(.sum, [check(args[0])], at: range)
    case .prod:
      return try apply(.product, [check(args[0])], at: range)
    case .mean:
      let v = try check(args[0])
      let total = try apply(.sum, [v], at: range)
      return try apply(.divide, [total, .constant(Tensor(Double(v.shape.count)))], at: range)
    case .norm:
      let v = try check(args[0])
      // v^2, not v*v: the operand is lowered once.
      let squares = try apply(.power, [v, .constant(Tensor(2))], at: range)
      return try apply(.sqrt, [apply(.sum, [squares], at: range)], at: range)
    case .dot:
      let product = try elementwise(.multiply, "dot", [check(args[0]), check(args[1])], at: range)
      return try apply(.sum, [product], at: range)
    case .logsumexp:
      // As the Swift API's `logsumexp`: m + log Σ exp(v − m), m the largest element found by
      // halving (recorded, so a compiled function stays stable everywhere); −∞ when empty.
      let v = try check(args[0])
      var n = v.shape.count
      guard n > 0 else { return .constant(Tensor(-Double.infinity)) }
      var m = v
      while n > 1 {
        let half = (n + 1) / 2
        let low = try apply(.slice(lower: 0, upper: half), [m], at: range)
        let high = try apply(.slice(lower: n - half, upper: n), [m], at: range)
        m = try apply(.maximum, [low, high], at: range)
        n = half
      }
      if !m.shape.isScalar { m = try apply(.index(0), [m], at: range) }
      let shifted = try apply(.exp, [apply(.subtract, [v, m], at: range)], at: range)
      let total = try apply(.sum, [shifted], at: range)
      return try apply(.add, [apply(.log, [total], at: range), m], at: range)
    default:
      let op = f.elementwiseOp!
      let operands = try args.map { (x) throws(ExpressionError) in try check(x) }
      return try elementwise(op, f.rawValue, operands, at: range)
    }
  }

  /// An element-wise operation: one operand, or two that are the same shape or a scalar and
  /// anything.
  private func elementwise(_ op: Op, _ what: String, _ operands: [Node], at range: SourceRange)
    throws(ExpressionError) -> Node
  {
    if operands.count == 2 && Shape.broadcast(operands[0].shape, operands[1].shape) == nil {
      throw ExpressionError(
        message:
          "length mismatch in \(what): a vector of length \(operands[0].shape.count) "
          + "and a vector of length \(operands[1].shape.count)",
        range: range)
    }
    return try apply(op, operands, at: range)
  }

  /// Applies a primitive, folding it when every operand is known.
  private func apply(_ op: Op, _ operands: [Node], at range: SourceRange)
    throws(ExpressionError) -> Node
  {
    do {
      let values = operands.compactMap(\.constantValue)
      if values.count == operands.count {
        let result = try Variable.applying(op, to: values.map { Variable($0) })
        return .constant(result.value)
      }
      let shapeProbe = try Variable.applying(
        op, to: operands.map { Variable(Tensor<Double>(repeating: 0, shape: $0.shape)) })
      return .apply(op, operands, shapeProbe.shape)
    } catch {
      throw ExpressionError(message: error.description, range: range)
    }
  }

  /// An integer known at load time: indices, slice bounds, repeat counts, range bounds.
  func wholeNumber(_ e: Expression, _ what: String) throws(ExpressionError) -> Int {
    let node = try check(e)
    guard let value = node.constantValue else {
      throw ExpressionError(
        message: "\(what) must be known when the file is loaded; this depends on the variables",
        range: e.range)
    }
    guard value.isScalar else {
      throw ExpressionError(
        message: "\(what) must be a scalar, not a \(value.shape)", range: e.range)
    }
    let v = value.scalar
    guard v.isFinite, v.rounded() == v, Swift.abs(v) < 1e15 else {
      throw ExpressionError(message: "\(what) must be a whole number, not \(v)", range: e.range)
    }
    return Int(v)
  }
}
