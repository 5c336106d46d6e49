/// Input number `index` of a run: a problem file made by one of several strategies. Each input
/// depends only on the seed and its index, so any input can be regenerated alone.
struct InputGenerator {
  let corpus: SeedCorpus
  let seed: UInt64

  /// The strategy that made an input; reported in statistics and with findings.
  enum Strategy: String, CaseIterable {
    case mutatedFile = "mutated file"
    case splicedFiles = "spliced files"
    case grammar = "grammar expression"
    case mutatedExpression = "mutated expression"
    case deepNesting = "deep nesting"
    case longLine = "long line"
  }

  func input(_ index: UInt64) -> (strategy: Strategy, text: String) {
    var random = SplitMix64(seed: seed, index: index)
    let roll = random.below(1000)
    var mutator = Mutator(random: SplitMix64(seed: random.next()))
    let other = random.pick(corpus.files)
    switch roll {
    case 0..<420:
      return (.mutatedFile, mutator.mutate(random.pick(corpus.files), other: other))
    case 420..<500:
      let a = random.pick(corpus.files)
      let cut = a.utf8.count > 0 ? random.below(a.utf8.count) : 0
      let from = other.utf8.count > 0 ? random.below(other.utf8.count) : 0
      let spliced = String(
        decoding: Array(a.utf8)[..<cut] + Array(other.utf8)[from...], as: UTF8.self)
      return (.splicedFiles, spliced)
    case 500..<800:
      var generator = ExpressionGenerator(random: SplitMix64(seed: random.next()))
      let count = 1 + random.below(3)
      let expressions = (0..<count).map { _ in generator.expression(depth: 1 + random.below(6)) }
      let role = random.pick(ProblemTemplate.Role.allCases)
      return (
        .grammar, ProblemTemplate.document(expressions, role: role, n: sizeParameter(&random))
      )
    case 800..<998:
      let expression = mutator.mutate(
        random.pick(corpus.expressions), other: random.pick(corpus.expressions))
      let role = random.pick(ProblemTemplate.Role.allCases)
      return (.mutatedExpression, ProblemTemplate.document([expression], role: role))
    case 998..<999:
      return (.deepNesting, ProblemTemplate.document([deeplyNested(&random)], role: .objective))
    default:
      return (.longLine, ProblemTemplate.document([longLine(&random)], role: .objective))
    }
  }

  /// Mostly a small size for `w[n]`, sometimes one no machine can hold.
  private func sizeParameter(_ random: inout SplitMix64) -> String {
    random.chance(0.9) ? String(1 + random.below(6)) : random.pick(ExpressionGenerator.hugeIntegers)
  }

  /// Nesting up to 10⁴ levels deep: parentheses, brackets, unary minus, calls, or a power tower.
  private func deeplyNested(_ random: inout SplitMix64) -> String {
    let depth = random.chance(0.5) ? 10_000 : 1 + random.below(10_000)
    switch random.below(6) {
    case 0: return String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
    case 1:
      return "sum(" + String(repeating: "[", count: depth) + "x"
        + String(repeating: "]", count: depth) + ")"
    case 2: return String(repeating: "-", count: depth) + "x"
    case 3:
      return String(repeating: "exp(", count: depth) + "x" + String(repeating: ")", count: depth)
    case 4: return Array(repeating: "x", count: depth).joined(separator: "^")
    default:
      // Unbalanced: opened and never closed.
      return String(repeating: "(", count: depth) + "x"
    }
  }

  /// A line of up to 10⁵ operands: left-deep sums and products, or one enormous number. Mostly
  /// up to 10⁴, since the longest take seconds each.
  private func longLine(_ random: inout SplitMix64) -> String {
    let count = random.chance(0.01) ? 100_000 : 1 + random.below(10_000)
    switch random.below(4) {
    case 0: return Array(repeating: "x", count: count).joined(separator: " + ")
    case 1: return "sum([" + Array(repeating: "y", count: count).joined(separator: ", ") + "])"
    case 2: return "x * " + String(repeating: "9", count: count)
    default: return Array(repeating: "v[0]", count: count).joined(separator: "*")
    }
  }
}
