import Autodiff

extension Problem {
  /// The objective written as a Swift function over `Variable<Double>`, as a user of the library
  /// would write it by hand: one `return` expression, with constant vectors (data, tables) bound
  /// to `let`s before it. It builds the same graph as the problem file, operation for operation,
  /// so its values and derivatives are the file's to the last bit.
  ///
  /// The input is one vector of all the unknowns in order; a problem whose one unknown is a
  /// vector names it as the file does.
  public func swiftFormula(functionName: String) -> String {
    var printer = SwiftFormulaPrinter(problem: self)
    let body = printer.expression(objectiveNode, context: .top)
    let parameter = printer.namesTheVector ? SwiftFormulaPrinter.identifier(variables[0].name) : "v"
    var lines = ["func \(functionName)(_ \(parameter): Variable<Double>) -> Variable<Double> {"]
    for (name, values) in printer.constants {
      lines.append("  let \(name) = Variable<Double>([\(values.joined(separator: ", "))])")
    }
    lines.append("  return \(body)")
    lines.append("}")
    return lines.joined(separator: "\n")
  }
}

/// Prints a checked expression with the fewest parentheses that keep its tree: the Swift source
/// parses back into exactly the operations of the problem file.
struct SwiftFormulaPrinter {
  let problem: Problem
  private(set) var constants: [(name: String, values: [String])] = []

  init(problem: Problem) { self.problem = problem }

  /// Binding strength of what is printed: a child weaker than its context is parenthesised.
  enum Context: Int, Comparable {
    case top = 0, additive, multiplicative, prefix, postfix
    static func < (a: Context, b: Context) -> Bool { a.rawValue < b.rawValue }
  }

  mutating func expression(_ node: Node, context: Context) -> String {
    switch node {
    case .constant(let t):
      if t.isScalar { return Self.number(t.scalar, context: context) }
      let name = "c\(constants.count)"
      constants.append((name, t.elements.map { Self.number($0, context: .top) }))
      return name
    case .input(let i, _):
      return input(i)
    case .apply(let op, let operands, _):
      return apply(op, operands, context: context)
    }
  }

  private mutating func apply(_ op: Op, _ operands: [Node], context: Context) -> String {
    switch op {
    case .add, .subtract, .multiply, .divide:
      let strength: Context = (op == .add || op == .subtract) ? .additive : .multiplicative
      let lhs = leftOperand(operands, context: strength)
      // The right operand binds one step tighter: a - (b + c) keeps its parentheses.
      let rhs = expression(operands[1], context: Context(rawValue: strength.rawValue + 1)!)
      return parenthesised("\(lhs) \(op) \(rhs)", strength, in: context)
    case .negate:
      return parenthesised("-" + expression(operands[0], context: .postfix), .prefix, in: context)
    case .power:
      return
        "pow(\(leftOperand(operands, context: .top)), \(expression(operands[1], context: .top)))"
    case .index(let i):
      return "\(expression(operands[0], context: .postfix))[\(i)]"
    case .slice(let lower, let upper):
      return "\(expression(operands[0], context: .postfix)).slice(\(lower), \(upper))"
    case .tile(let times):
      // `repeat` unquoted starts a parameter-pack expansion in Swift 5.9 and later.
      return "`repeat`(\(variable(operands[0])), \(times))"
    case .concat:
      return "concat([\(operands.map { variable($0) }.joined(separator: ", "))])"
    case .product:
      return "prod(\(variable(operands[0])))"
    default:
      // Functions share the expression language's names; those taking two Variables
      // (atan2, min, max) need their numbers as Variables.
      let arguments = operands.map {
        operands.count == 1 ? expression($0, context: .top) : variable($0)
      }
      let name = op == .minimum ? "min" : op == .maximum ? "max" : op.description
      return "\(name)(\(arguments.joined(separator: ", ")))"
    }
  }

  /// The first operand of arithmetic; with a number on both sides (a constant residual squared)
  /// the file computes the operation in the graph, so the formula does too.
  private mutating func leftOperand(_ operands: [Node], context: Context) -> String {
    if operands.allSatisfy({ $0.constantValue != nil }) { return variable(operands[0]) }
    return expression(operands[0], context: context)
  }

  /// An operand where the Swift API takes a `Variable`: a number is wrapped.
  private mutating func variable(_ node: Node) -> String {
    if case .constant(let t) = node, t.isScalar {
      return "Variable<Double>(\(Self.number(t.scalar, context: .top)))"
    }
    return expression(node, context: .top)
  }

  /// A problem whose one unknown is a vector names the function's input after it.
  var namesTheVector: Bool {
    problem.variables.count == 1 && !problem.variables[0].shape.isScalar
  }

  private func input(_ i: Int) -> String {
    if namesTheVector { return Self.identifier(problem.variables[0].name) }
    let offset = problem.variables[..<i].reduce(0) { $0 + $1.shape.count }
    let shape = problem.variables[i].shape
    return shape.isScalar ? "v[\(offset)]" : "v.slice(\(offset), \(offset + shape.count))"
  }

  private func parenthesised(_ text: String, _ strength: Context, in context: Context) -> String {
    strength < context ? "(\(text))" : text
  }

  /// The shortest literal that reads back as the same Double; whole numbers without ".0", as
  /// people write them (and as the type checker must cope with).
  static func number(_ x: Double, context: Context) -> String {
    var text = "\(x)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    if x.isInfinite { text = x < 0 ? "-Double.infinity" : "Double.infinity" }
    if x.isNaN { text = "Double.nan" }
    return text.hasPrefix("-") && context > .additive ? "(\(text))" : text
  }

  /// A Swift identifier for a variable name of the problem file (`x`, `theta_1`).
  static func identifier(_ name: String) -> String {
    let keywords: Set = ["in", "is", "as", "if", "do", "let", "var", "func", "return", "repeat"]
    return keywords.contains(name) ? "`\(name)`" : name
  }
}
