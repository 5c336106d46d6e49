/// ArgumentParser reads `-1` after `--gtol` as an option name, not as the value, so
/// `--gtol -1` said "Missing value" and `--start -1,2` or `derive --at -1.2,1` could not be
/// written at all. A long option followed by something that reads as a negative number (or a
/// point starting with one) is joined into `--option=value` before parsing, so the value parses
/// and its own check reports what is wrong with it.
enum NegativeNumberArguments {
  static func joined(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument.hasPrefix("--"), argument.count > 2, !argument.contains("="),
        index + 1 < arguments.count, looksNegative(arguments[index + 1])
      {
        result.append("\(argument)=\(arguments[index + 1])")
        index += 2
      } else {
        result.append(argument)
        index += 1
      }
    }
    return result
  }

  /// `-1`, `-0.5`, `-1e-3`, `-.5`, `-inf`, `-nan`, `-1.2,1`, `-1 2`: a minus sign and then a digit,
  /// a point, or `inf`/`nan`.
  static func looksNegative(_ text: String) -> Bool {
    guard text.hasPrefix("-"), text.count > 1 else { return false }
    let rest = text.dropFirst()
    if let first = rest.first, first.isNumber || first == "." { return true }
    let word = rest.prefix(3).lowercased()
    return word == "inf" || word == "nan"
  }
}
