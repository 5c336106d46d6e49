/// The graph that produced a variable, as a drawing sees it: one node per variable, with its
/// kind and label, and an edge from each input to the result made from it (the forward
/// direction). Shared subexpressions appear once.
public struct GraphDrawing: Sendable {
  public enum Kind: Sendable, Equatable {
    /// An input that requires a gradient.
    case leaf
    /// An input or constant that does not (frozen, detached, a plain number of the expression).
    case frozen
    /// The result of an operation, drawn with the backward function that differentiates it.
    case operation
  }

  public struct Node: Sendable {
    public var kind: Kind
    /// The operation or the leaf's name, and its value or shape.
    public var label: String
    /// For an operation, the backward function (`MultiplyBackward`).
    public var backward: String?
    /// Whether `retainGrad()` was called on it.
    public var retainsGrad: Bool
    /// Longest path from a leaf: the row a layered drawing puts it in.
    public var generation: Int
  }

  /// In the order of a walk from the output; the output is node 0.
  public private(set) var nodes: [Node] = []
  /// (from, to) indices into `nodes`: an input and a result made from it.
  public private(set) var edges: [(from: Int, to: Int)] = []

  /// The graph behind `output`, walked iteratively (a deep graph does not exhaust the stack).
  public init<T>(of output: Variable<T>) {
    var index = [ObjectIdentifier: Int]()
    var pending = [output]
    index[ObjectIdentifier(output)] = 0
    nodes.append(Self.node(output))
    while let variable = pending.popLast() {
      let to = index[ObjectIdentifier(variable)]!
      for input in variable.inputs {
        let id = ObjectIdentifier(input)
        if let from = index[id] {
          edges.append((from, to))
          continue
        }
        index[id] = nodes.count
        edges.append((nodes.count, to))
        nodes.append(Self.node(input))
        pending.append(input)
      }
    }
  }

  private static func node<T>(_ v: Variable<T>) -> Node {
    let shape = v.shape.isScalar ? "" : " \(v.shape)"
    if let op = v.op {
      return Node(
        kind: .operation, label: "\(op)\(shape)", backward: op.backwardName,
        retainsGrad: v.retainsGrad, generation: v.generation)
    }
    let value = v.shape.isScalar ? "\(v.scalarValue)" : "\(v.shape)"
    let label = v.name.map { "\($0) = \(value)" } ?? value
    return Node(
      kind: v.requiresGrad ? .leaf : .frozen, label: label, backward: nil,
      retainsGrad: v.retainsGrad, generation: 0)
  }
}

extension Op {
  /// The name of the backward function of this operation, as autograd tutorials draw it.
  public var backwardName: String {
    switch self {
    case .add: return "AddBackward"
    case .subtract: return "SubBackward"
    case .multiply: return "MulBackward"
    case .divide: return "DivBackward"
    case .power: return "PowBackward"
    case .atan2: return "Atan2Backward"
    case .minimum: return "MinimumBackward"
    case .maximum: return "MaximumBackward"
    case .negate: return "NegBackward"
    case .sum: return "SumBackward"
    case .product: return "ProdBackward"
    case .index: return "IndexBackward"
    case .slice: return "SliceBackward"
    case .concat: return "CatBackward"
    case .tile: return "RepeatBackward"
    case .broadcast: return "ExpandBackward"
    case .scatter: return "ScatterBackward"
    case .pad: return "PadBackward"
    case .foldTiles: return "FoldTilesBackward"
    default:  // A function of one operand: its name, capitalised.
      return description.prefix(1).uppercased() + description.dropFirst() + "Backward"
    }
  }
}
