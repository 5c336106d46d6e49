import Autodiff

/// The names an expression may use, in the order they are resolved: variables, parameters,
/// constants, data columns, then `pi` and `e`.
struct Scope: Sendable {
  var variables: [(name: String, shape: Shape)] = []
  var parameters: [String: Double] = [:]
  var constants: [String: Tensor<Double>] = [:]
  var dataColumns: [String: Tensor<Double>] = [:]

  static let predefined: [String: Double] = ["pi": Double.pi, "e": 2.718_281_828_459_045_1]

  /// The node a name stands for, or nil when nothing by that name is in scope.
  func resolve(_ name: String) -> Node? {
    if let i = variables.firstIndex(where: { $0.name == name }) {
      return .input(i, variables[i].shape)
    }
    if let p = parameters[name] { return .constant(Tensor(p)) }
    if let c = constants[name] { return .constant(c) }
    if let d = dataColumns[name] { return .constant(d) }
    if let v = Scope.predefined[name] { return .constant(Tensor(v)) }
    return nil
  }

  /// Every name in scope, in resolution order, for messages.
  var allNames: [String] {
    var seen = Set<String>()
    var names = [String]()
    let groups: [[String]] = [
      variables.map(\.name), parameters.keys.sorted(), constants.keys.sorted(),
      dataColumns.keys.sorted(), ["pi", "e"],
    ]
    for name in groups.joined() where seen.insert(name).inserted { names.append(name) }
    return names
  }
}
