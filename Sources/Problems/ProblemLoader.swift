import Autodiff
import OptimizationCore
import TOMLKit

/// Turns the text of a problem file into a `Problem`, checking every key, name and shape.
struct ProblemLoader {
  /// The largest vector a problem may declare (10⁹ − 1 elements, 8 GB per vector in Double).
  static let largestVectorSize = 999_999_999

  /// How the file is named in messages.
  let file: String
  let name: String
  let text: String
  /// Reads a data file named relative to the problem file.
  let readData: (String) -> Result<String, BoundedFileReader.Failure>
  let overrides: [String: Double]

  static let topLevelKeys = [
    "title", "description", "variables", "objective", "residuals", "loss", "start",
    "parameters", "constants", "data", "minimum", "local_minima", "plot", "bounds",
  ]

  func fail(_ key: String?, _ message: String) -> ProblemError {
    ProblemError(file: file, key: key, message)
  }

  func load() throws(ProblemError) -> Problem {
    if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
      throw fail(nil, "the file is empty")
    }
    let table = try parsedTOML()
    try checkKeys(table, Self.topLevelKeys, prefix: "")

    let title = try requiredString(table, "title")
    let summary = try optionalString(table, "description")
    var scope = Scope()
    let fileParameters = try parameters(table)
    scope.parameters = try overridden(fileParameters)
    // Known points are stated for the file's own parameters; another size or coefficient
    // makes them meaningless, so they are dropped rather than misreported.
    let keepsKnownPoints = scope.parameters == fileParameters
    scope.constants = try constants(table)
    scope.dataColumns = try dataColumns(table)
    let variables = try declaredVariables(table, parameters: scope.parameters)
    let dimension = variables.reduce(0) { $0 + $1.shape.count }
    // A data column is the last name resolved: one named like a variable, parameter or
    // constant would be silently shadowed, so it is an error.
    for column in scope.dataColumns.keys.sorted() {
      let owner =
        variables.contains { $0.name == column }
        ? "variable"
        : scope.parameters[column] != nil
          ? "parameter" : scope.constants[column] != nil ? "constant" : nil
      if let owner {
        throw fail(
          "data",
          "column '\(column)' has the name of a \(owner); it would be shadowed (rename the column)")
      }
    }

    // `start` may use every name but the variables.
    guard
      let start = try flatPoint(table["start"], key: "start", dimension: dimension, scope: scope)
    else { throw fail("start", "missing required key") }
    let coordinateNames = variables.flatMap { v in
      v.shape.isScalar ? [v.name] : (0..<v.shape.count).map { "\(v.name)[\($0)]" }
    }
    let bounds = try variableBounds(table, coordinateNames: coordinateNames, scope: scope)
    // A file's own start must be feasible; a start given elsewhere is projected by the solver.
    if let bounds, let violation = bounds.violation(start, names: coordinateNames) {
      throw fail("start", "outside the bounds: \(violation)")
    }
    scope.variables = variables
    let checker = Checker(scope: scope)
    let (objective, residuals, loss) = try objectiveAndResiduals(table, checker)

    var minimum: KnownPoint?
    if keepsKnownPoints, let value = table["minimum"] {
      minimum = try knownPoint(value, key: "minimum", dimension: dimension, needsX: false)
    }
    var localMinima = [KnownPoint]()
    if keepsKnownPoints, let value = table["local_minima"] {
      guard let array = value.array else {
        throw fail(
          "local_minima", "expected an array of tables ([[local_minima]]), found \(describe(value))"
        )
      }
      for (i, entry) in array.enumerated() {
        localMinima.append(
          try knownPoint(entry, key: "local_minima[\(i)]", dimension: dimension, needsX: true))
      }
    }
    let plot = try plotSettings(table)
    let twoScalars = variables.count == 2 && variables.allSatisfy { $0.shape.isScalar }
    return Problem(
      name: name, title: title, summary: summary, variables: variables, start: start,
      minimum: minimum, localMinima: localMinima, plot: twoScalars ? plot : nil,
      parameters: scope.parameters, objective: objective, residuals: residuals, loss: loss,
      bounds: bounds)
  }

  // MARK: Keys

  func checkKeys(_ table: TOMLTable, _ known: [String], prefix: String)
    throws(ProblemError)
  {
    try TOMLFile.checkKeys(table, known: known, prefix: prefix, file: file)
  }

  private func requiredString(_ table: TOMLTable, _ key: String) throws(ProblemError) -> String {
    guard let value = table[key] else { throw fail(key, "missing required key") }
    guard let s = value.string else {
      throw fail(key, "expected a string, found \(describe(value))")
    }
    return s
  }

  private func optionalString(_ table: TOMLTable, _ key: String) throws(ProblemError) -> String? {
    guard let value = table[key] else { return nil }
    guard let s = value.string else {
      throw fail(key, "expected a string, found \(describe(value))")
    }
    return s
  }

  private func number(_ value: TOMLValueConvertible) -> Double? {
    value.double ?? value.int.map(Double.init)
  }

  private func numbers(_ value: TOMLValueConvertible, key: String) throws(ProblemError) -> [Double]
  {
    guard let array = value.array else {
      throw fail(key, "expected an array of numbers, found \(describe(value))")
    }
    var result = [Double]()
    for (i, element) in array.enumerated() {
      guard let v = number(element) else {
        throw fail(key, "element \(i) is \(describe(element)), not a number")
      }
      result.append(v)
    }
    return result
  }

  // MARK: Names

  private func parameters(_ table: TOMLTable) throws(ProblemError) -> [String: Double] {
    var result = [String: Double]()
    if let value = table["parameters"] {
      guard let t = value.table else {
        throw fail("parameters", "expected a table of numbers, found \(describe(value))")
      }
      for key in t.keys {
        guard isName(key) else { throw fail("parameters.\(key)", "'\(key)' is not a valid name") }
        guard let v = number(t[key]!) else {
          throw fail("parameters.\(key)", "expected a number, found \(describe(t[key]!))")
        }
        result[key] = v
      }
    }
    return result
  }

  /// The parameters with the caller's overrides; overriding an unknown one is an error.
  private func overridden(_ parameters: [String: Double]) throws(ProblemError) -> [String: Double] {
    var result = parameters
    for (key, v) in overrides.sorted(by: { $0.key < $1.key }) {
      guard result[key] != nil else {
        let known = result.keys.sorted()
        throw fail(
          "parameters",
          "cannot override unknown parameter '\(key)' (parameters: "
            + "\(known.isEmpty ? "none" : known.joined(separator: ", ")))")
      }
      result[key] = v
    }
    return result
  }

  private func constants(_ table: TOMLTable) throws(ProblemError) -> [String: Tensor<Double>] {
    guard let value = table["constants"] else { return [:] }
    guard let t = value.table else {
      throw fail(
        "constants", "expected a table of numbers or arrays of numbers, found \(describe(value))")
    }
    var result = [String: Tensor<Double>]()
    for key in t.keys {
      guard isName(key) else { throw fail("constants.\(key)", "'\(key)' is not a valid name") }
      let entry = t[key]!
      if let v = number(entry) {
        result[key] = Tensor(v)
      } else {
        result[key] = Tensor(try numbers(entry, key: "constants.\(key)"))
      }
    }
    return result
  }

  private func dataColumns(_ table: TOMLTable) throws(ProblemError) -> [String: Tensor<Double>] {
    guard table["data"] != nil else { return [:] }
    let path = try requiredString(table, "data")
    let csv: String
    switch readData(path) {
    case .success(let text): csv = text
    case .failure(.missing): throw fail("data", "data file '\(path)' not found")
    case .failure(.unreadable): throw fail("data", "data file '\(path)' cannot be read")
    case .failure(.notUTF8): throw fail("data", "data file '\(path)' is not UTF-8 text")
    case .failure(.notRegularFile):
      throw fail("data", "data file '\(path)' is not a regular file (a pipe, device or folder)")
    case .failure(.tooLarge):
      throw fail(
        "data",
        "data file '\(path)' is larger than \(ProblemCatalog.maximumDataFileSize) bytes, the "
          + "limit for data files")
    }
    switch DataTable.columns(csv: csv, file: path) {
    case .success(let columns): return columns
    case .failure(let error): throw fail("data", error.message)
    }
  }

  private func declaredVariables(_ table: TOMLTable, parameters: [String: Double])
    throws(ProblemError) -> [(name: String, shape: Shape)]
  {
    guard let value = table["variables"] else { throw fail("variables", "missing required key") }
    guard let array = value.array else {
      throw fail("variables", "expected an array of strings, found \(describe(value))")
    }
    guard !array.isEmpty else { throw fail("variables", "at least one variable is needed") }
    var result = [(name: String, shape: Shape)]()
    for (i, element) in array.enumerated() {
      let key = "variables[\(i)]"
      guard let declaration = element.string else {
        throw fail(key, "expected a string such as \"x\" or \"x[n]\", found \(describe(element))")
      }
      let (name, shape) = try variable(declaration, key: key, parameters: parameters)
      if result.contains(where: { $0.name == name }) {
        throw fail(key, "variable '\(name)' is declared twice")
      }
      result.append((name, shape))
    }
    return result
  }

  /// `"x"` or `"x[n]"` with `n` a whole literal or a parameter name, at least 1.
  private func variable(_ declaration: String, key: String, parameters: [String: Double])
    throws(ProblemError) -> (String, Shape)
  {
    let text = declaration.trimmingWhitespace()
    guard let open = text.firstIndex(of: "[") else {
      guard isName(text) else { throw fail(key, "'\(declaration)' is not a valid variable name") }
      return (text, .scalar)
    }
    let name = String(text[..<open])
    guard isName(name), text.hasSuffix("]") else {
      throw fail(key, "'\(declaration)' is not of the form \"x\" or \"x[n]\"")
    }
    let sizeText = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
      .trimmingWhitespace()
    let size: Double
    if let literal = Double(sizeText), isName("x" + sizeText) {
      size = literal
    } else if let p = parameters[sizeText] {
      size = p
    } else {
      let known = parameters.keys.sorted()
      throw fail(
        key,
        "size '\(sizeText)' of '\(name)' is neither a whole number nor a parameter (parameters: "
          + "\(known.isEmpty ? "none" : known.joined(separator: ", ")))")
    }
    guard size.isFinite, size.rounded() == size, size >= 1 else {
      throw fail(key, "size of '\(name)' must be a whole number at least 1, not \(size)")
    }
    guard size <= Double(Self.largestVectorSize) else {
      throw fail(
        key,
        // Printed without converting to Int: a size from a parameter may exceed Int.max.
        "size of '\(name)' is \(String(format: "%.0f", size)); the largest accepted is "
          + "\(Self.largestVectorSize)")
    }
    return (name, .vector(Int(size)))
  }

  // MARK: Expressions

  /// Parses and checks one expression, placing any fault within its text.
  private func expression(_ source: String, key: String, _ checker: Checker)
    throws(ProblemError) -> Node
  {
    do {
      return try checker.check(Parser.parse(source))
    } catch {
      throw ProblemError(file: file, key: key, error, in: source)
    }
  }

  private func objectiveAndResiduals(_ table: TOMLTable, _ checker: Checker)
    throws(ProblemError) -> (Node, [Node], Loss?)
  {
    switch (table["objective"], table["residuals"]) {
    case (nil, nil):
      throw fail(nil, "one of 'objective' and 'residuals' is required")
    case (.some, .some):
      throw fail("residuals", "give 'objective' or 'residuals', not both")
    case (.some(let value), nil):
      if table["loss"] != nil { throw fail("loss", "'loss' goes only with 'residuals'") }
      guard let source = value.string else {
        throw fail("objective", "expected a string expression, found \(describe(value))")
      }
      let node = try expression(source, key: "objective", checker)
      guard node.shape.isScalar else {
        throw fail("objective", "the objective must be a scalar, but it is a \(node.shape)")
      }
      return (node, [], nil)
    case (nil, .some(let value)):
      guard let array = value.array else {
        throw fail("residuals", "expected an array of string expressions, found \(describe(value))")
      }
      guard !array.isEmpty else { throw fail("residuals", "at least one residual is needed") }
      var residuals = [Node]()
      for (i, element) in array.enumerated() {
        guard let source = element.string else {
          throw fail("residuals[\(i)]", "expected a string expression, found \(describe(element))")
        }
        residuals.append(try expression(source, key: "residuals[\(i)]", checker))
      }
      var loss = Loss.sum
      if table["loss"] != nil {
        let text = try requiredString(table, "loss")
        guard let l = Loss(rawValue: text) else {
          throw fail(
            "loss",
            "unknown loss '\(text)' (one of: \(Loss.allCases.map(\.rawValue).joined(separator: ", ")))"
          )
        }
        loss = l
      }
      return (ResidualLoss.objective(residuals, loss), residuals, loss)
    }
  }

  // MARK: Points

  /// A flat point: an array of numbers or (for `start`) a string expression.
  func flatPoint(
    _ value: TOMLValueConvertible?, key: String, dimension: Int, scope: Scope?
  ) throws(ProblemError) -> [Double]? {
    guard let value else { return nil }
    let point: [Double]
    if let source = value.string, let scope {
      let node = try expression(source, key: key, Checker(scope: scope))
      guard let constant = node.constantValue else {
        throw fail(
          key, "\(key == "start" ? "the start point" : key) must not depend on the variables")
      }
      point = constant.elements
    } else {
      point = try numbers(value, key: key)
    }
    guard point.count == dimension else {
      throw fail(
        key,
        "has \(point.count) number\(point.count == 1 ? "" : "s"), but the problem has "
          + "\(dimension) scalar unknown\(dimension == 1 ? "" : "s")")
    }
    return point
  }

  private func knownPoint(
    _ value: TOMLValueConvertible, key: String, dimension: Int, needsX: Bool
  ) throws(ProblemError) -> KnownPoint {
    guard let t = value.table else { throw fail(key, "expected a table, found \(describe(value))") }
    try checkKeys(t, ["f", "x"], prefix: key + ".")
    guard let fValue = t["f"] else { throw fail(key + ".f", "missing required key") }
    guard let f = number(fValue) else {
      throw fail(key + ".f", "expected a number, found \(describe(fValue))")
    }
    guard f.isFinite else { throw fail(key + ".f", "a known minimum must be finite, not \(f)") }
    let x = try flatPoint(t["x"], key: key + ".x", dimension: dimension, scope: nil)
    if needsX && x == nil { throw fail(key + ".x", "missing required key") }
    if let x, let bad = x.first(where: { !$0.isFinite }) {
      throw fail(key + ".x", "a known minimizer must be finite, not \(bad)")
    }
    return KnownPoint(f: f, x: x)
  }

  private func plotSettings(_ table: TOMLTable) throws(ProblemError) -> PlotSettings? {
    guard let value = table["plot"] else { return nil }
    guard let t = value.table else {
      throw fail("plot", "expected a table, found \(describe(value))")
    }
    try checkKeys(t, ["x", "y", "log"], prefix: "plot.")
    func bounds(_ axis: String) throws(ProblemError) -> ClosedRange<Double> {
      guard let v = t[axis] else { throw fail("plot.\(axis)", "missing required key") }
      let b = try numbers(v, key: "plot.\(axis)")
      guard b.count == 2, b[0] < b[1] else {
        throw fail("plot.\(axis)", "expected [lo, hi] with lo < hi, found \(b)")
      }
      return b[0]...b[1]
    }
    var log = false
    if let v = t["log"] {
      guard let b = v.bool else {
        throw fail("plot.log", "expected true or false, found \(describe(v))")
      }
      log = b
    }
    return PlotSettings(x: try bounds("x"), y: try bounds("y"), log: log)
  }
}

/// A TOML value's kind as a message says it: "an integer", "a string", ….
func describe(_ value: TOMLValueConvertible) -> String {
  switch value.type {
  case .table: return "a table"
  case .array: return "an array"
  case .string: return "a string"
  case .int: return "an integer"
  case .double: return "a floating-point number"
  case .bool: return "a boolean"
  case .date: return "a date"
  case .time: return "a time"
  case .dateTime: return "a date-time"
  }
}
