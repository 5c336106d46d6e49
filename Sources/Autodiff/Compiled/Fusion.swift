extension Lowering {
  /// What instruction `instruction` reads: a unary code's `b` is its `a`, read once.
  func reads(_ instruction: Instruction) -> [Int] {
    switch instruction {
    case .element(.multiplySquareAdd, let out, let a, let b): return [a, b, thirdOperand[out]!]
    case .element(let code, _, let a, let b): return code.isBinary ? [a, b] : [a]
    case .sum(_, let a): return [a]
    case .structural(_, _, _, let src, _, _): return [src]
    }
  }

  /// Fuses pairs of element-wise vector instructions into the superinstructions `a − b²`,
  /// `a·b²` and `(a − b)²`, and then an addition with a weighted square into `a·b² + c`, so
  /// that a chain makes fewer passes over each chunk. The inner instruction of a pair must
  /// have a vector result of the outer one's length, read by nothing else (not even through a
  /// view) and not the function's result; its value then is never stored, and its operands are
  /// read by the fused instruction instead.
  ///
  /// Squares are absorbed into their reader first, then the differences that remaining squares
  /// read: in a chain such as `k·(a − b²)²` that fuses both squares, where the other order
  /// would leave one. Groups of one element are left to the scalar tape, which has its own
  /// fusions.
  mutating func fuse(result: Int, weightedSquareSums: Bool = true) {
    var uses = [Int](repeating: 0, count: values.count)
    var viewed = [Bool](repeating: false, count: values.count)
    var producer = [Int](repeating: -1, count: values.count)
    for (i, instruction) in instructions.enumerated() {
      for u in reads(instruction) {
        let root = resolve(u).root
        uses[root] += 1
        if root != u { viewed[root] = true }
      }
      producer[output(instruction)] = i
    }
    let kept = resolve(result).root
    var removed = [Bool](repeating: false, count: instructions.count)

    /// The instruction making `v` when it can be absorbed into its single reader, an
    /// element-wise instruction of `length` elements, and has code `code`; then its operands.
    func absorbable(_ v: Int, _ code: ElementCode, length: Int) -> (Int, a: Int, b: Int)? {
      let p = producer[v]
      guard p >= 0, !removed[p], uses[v] == 1, !viewed[v], v != kept,
        values[v].length == length,
        case .element(code, _, let a, let b) = instructions[p]
      else { return nil }
      return (p, a, b)
    }

    for (i, instruction) in instructions.enumerated() {
      guard case .element(let code, let out, let a, let b) = instruction else { continue }
      let length = values[out].length
      guard length > 1 else { continue }
      switch code {
      case .subtract:
        if let (p, x, _) = absorbable(b, .square, length: length) {
          instructions[i] = .element(.subtractSquare, out: out, a: a, b: x)
          removed[p] = true
        }
      case .multiply:
        // a·b = b·a exactly, so the square may be either operand.
        if let (p, x, _) = absorbable(b, .square, length: length) {
          instructions[i] = .element(.multiplySquare, out: out, a: a, b: x)
          removed[p] = true
        } else if let (p, x, _) = absorbable(a, .square, length: length) {
          instructions[i] = .element(.multiplySquare, out: out, a: b, b: x)
          removed[p] = true
        }
      default:
        break
      }
    }
    for (i, instruction) in instructions.enumerated() where !removed[i] {
      guard case .element(.square, let out, let d, _) = instruction else { continue }
      let length = values[out].length
      guard length > 1, let (p, a, b) = absorbable(d, .subtract, length: length) else {
        continue
      }
      instructions[i] = .element(.squareDifference, out: out, a: a, b: b)
      removed[p] = true
    }
    // Last, a weighted square added to another term: `k·x² + c`. Addition commutes exactly,
    // so the weighted square may be either operand. The fused instruction sits where the
    // addition was, so the product's adjoint writes move past the instructions in between:
    // none of those may read what the product reads (a value or a view of it), or the writes
    // into the shared adjoints would land in another order.
    func readsApart(_ p: Int, _ i: Int) -> Bool {
      guard i - p <= 64 else { return false }
      let product = Set(
        reads(instructions[p]).filter { values[$0].active }.map { resolve($0).root })
      for q in (p + 1)..<i where !removed[q] {
        for u in reads(instructions[q]) where product.contains(resolve(u).root) { return false }
      }
      return true
    }
    for (i, instruction) in instructions.enumerated() where weightedSquareSums && !removed[i] {
      guard case .element(.add, let out, let a, let b) = instruction else { continue }
      let length = values[out].length
      guard length > 1 else { continue }
      if let (p, k, x) = absorbable(a, .multiplySquare, length: length), readsApart(p, i) {
        instructions[i] = .element(.multiplySquareAdd, out: out, a: k, b: x)
        thirdOperand[out] = b
        removed[p] = true
      } else if let (p, k, x) = absorbable(b, .multiplySquare, length: length), readsApart(p, i) {
        instructions[i] = .element(.multiplySquareAdd, out: out, a: k, b: x)
        thirdOperand[out] = a
        removed[p] = true
      }
    }
    instructions = zip(instructions, removed).filter { !$0.1 }.map(\.0)
  }
}
