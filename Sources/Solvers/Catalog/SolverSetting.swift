/// A method's setting as the command line, sweep files and results name it (`lr`, `memory`, …),
/// with the values it accepts. A value outside them is refused before any solver is made.
public struct SolverSetting: Sendable, Hashable {
  public enum Domain: Sendable, Hashable {
    /// A finite number x with x > 0.
    case positive
    /// A finite number x > 0, or the given word (`lr = auto`).
    case positiveOr(String)
    /// A number in [0, 1) (`closedAbove`: [0, 1]).
    case unitInterval(closedAbove: Bool)
    /// A whole number of at least `minimum`.
    case integer(minimum: Int)
    /// One of the given words.
    case choice([String])
  }

  public let name: String
  public let summary: String
  public let domain: Domain

  public init(_ name: String, _ summary: String, _ domain: Domain) {
    self.name = name
    self.summary = summary
    self.domain = domain
  }

  /// The value checked against the domain, a whole number widened where a number is expected;
  /// the message names the setting and the value.
  public func checked(_ value: SettingValue) throws(SolverCatalogError) -> SettingValue {
    func fail(_ what: String) -> SolverCatalogError {
      SolverCatalogError(description: "\(name) must be \(what), not \(value)", setting: name)
    }
    switch (domain, value) {
    case (.positive, .integer(let k)), (.unitInterval, .integer(let k)),
      (.positiveOr, .integer(let k)):
      return try checked(.number(Double(k)))
    case (.positive, .number(let x)):
      if !(x > 0 && x.isFinite) { throw fail("a positive number") }
    case (.positiveOr(let word), .number(let x)):
      if !(x > 0 && x.isFinite) { throw fail("a positive number or \(word)") }
    case (.positiveOr(let word), .choice(let given)):
      if given != word { throw fail("a positive number or \(word)") }
    case (.unitInterval(let closed), .number(let x)):
      if !(x >= 0 && (closed ? x <= 1 : x < 1)) {
        throw fail(closed ? "a number in [0, 1]" : "a number in [0, 1)")
      }
    case (.integer(let minimum), .integer(let k)):
      if k < minimum { throw fail("a whole number of at least \(minimum)") }
    case (.choice(let words), .choice(let word)):
      if !words.contains(word) { throw fail("one of \(words.joined(separator: ", "))") }
    case (.positive, _), (.unitInterval, _):
      throw fail("a number")
    case (.positiveOr(let word), _):
      throw fail("a positive number or \(word)")
    case (.integer, _):
      throw fail("a whole number")
    case (.choice(let words), _):
      throw fail("one of \(words.joined(separator: ", "))")
    }
    return value
  }

  /// Reads a value from text as this setting's domain expects it.
  public func parse(_ text: String) throws(SolverCatalogError) -> SettingValue {
    let value: SettingValue?
    switch domain {
    case .positive, .unitInterval: value = Double(text).map(SettingValue.number)
    case .positiveOr(let word):
      value = text == word ? .choice(word) : Double(text).map(SettingValue.number)
    case .integer: value = Int(text).map(SettingValue.integer)
    case .choice: value = .choice(text)
    }
    guard let value else {
      throw SolverCatalogError(
        description: "\(name): cannot read '\(text)' as its value", setting: name)
    }
    return try checked(value)
  }
}

/// A setting's value. Numbers are Double whatever the run's precision; a solver converts.
public enum SettingValue: Sendable, Hashable, Codable, CustomStringConvertible,
  ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral
{
  case number(Double)
  case integer(Int)
  case choice(String)

  public init(floatLiteral value: Double) { self = .number(value) }
  /// An integer literal is a whole number; a number-valued setting accepts it as a number.
  public init(integerLiteral value: Int) { self = .integer(value) }
  public init(stringLiteral value: String) { self = .choice(value) }

  public var description: String {
    switch self {
    case .number(let x): return "\(x)"
    case .integer(let k): return "\(k)"
    case .choice(let word): return word
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let k = try? container.decode(Int.self) {
      self = .integer(k)
    } else if let x = try? container.decode(Double.self) {
      self = .number(x)
    } else {
      self = .choice(try container.decode(String.self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .number(let x): try container.encode(x)
    case .integer(let k): try container.encode(k)
    case .choice(let word): try container.encode(word)
    }
  }
}

/// The settings given for a run, by setting name; a method reads the ones it declares and
/// falls back to its defaults for the rest.
public struct SolverSettings: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral {
  public var values: [String: SettingValue]

  public init(_ values: [String: SettingValue] = [:]) { self.values = values }
  public init(dictionaryLiteral elements: (String, SettingValue)...) {
    self.values = Dictionary(elements, uniquingKeysWith: { $1 })
  }

  public subscript(name: String) -> SettingValue? {
    get { values[name] }
    set { values[name] = newValue }
  }

  /// The names of the settings given, sorted.
  public var given: [String] { values.keys.sorted() }

  /// The same settings with only the named ones kept.
  public func keeping(_ names: some Sequence<String>) -> SolverSettings {
    let kept = Set(names)
    return SolverSettings(values.filter { kept.contains($0.key) })
  }

  public func number(_ name: String) -> Double? {
    switch values[name] {
    case .number(let x): return x
    case .integer(let k): return Double(k)
    default: return nil
    }
  }

  public func integer(_ name: String) -> Int? {
    if case .integer(let k) = values[name] { return k }
    return nil
  }

  public func choice(_ name: String) -> String? {
    if case .choice(let word) = values[name] { return word }
    return nil
  }

  /// `name=value` pairs, sorted by name: how tables and run ids show settings.
  public var label: String {
    given.map { "\($0)=\(values[$0]!)" }.joined(separator: " ")
  }
}

/// The settings several methods share, declared once.
extension SolverSetting {
  public static let learningRate = SolverSetting(
    "lr", "learning rate (step size)", .positive)
  /// `auto` (the default of the fixed-step methods) chooses it from the curvature at the start.
  public static let learningRateOrAuto = SolverSetting(
    "lr", "learning rate (step size), or auto: from the curvature at the start", .positiveOr("auto")
  )
  public static let momentum = SolverSetting(
    "momentum", "momentum coefficient μ", .unitInterval(closedAbove: false))
  public static let dampening = SolverSetting(
    "dampening", "momentum dampening d", .unitInterval(closedAbove: true))
  public static let batchSize = SolverSetting(
    "batch-size", "minibatch size (data and residual problems)", .integer(minimum: 1))
}
