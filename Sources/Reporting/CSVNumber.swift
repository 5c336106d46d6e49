/// How numbers are spelled in CSV files.
///
/// Every finite Double is written as Swift's shortest round-trip spelling (`0.1`, `1e-300`,
/// `-0.0`, `5e-324`), so parsing the text gives back the same bits. NaN is written `NaN` and the
/// infinities `inf` and `-inf`: pandas, numpy and Python's `float()` all read these.
/// Float and Float16 values are first widened to Double, which is exact, so a Float column
/// may show digits beyond the Float's own shortest spelling; they are the value's true digits.
public enum CSVNumber {
  /// The CSV spelling of a Double.
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return value.description
  }

  /// The CSV spelling of any binary floating-point value, widened exactly to Double.
  public static func format<T: BinaryFloatingPoint>(_ value: T) -> String {
    format(Double(value))
  }

  /// Reads a cell written by `format` (and the other spellings Swift accepts: `nan`, `Infinity`,
  /// hexadecimal). Nil for an empty or non-numeric cell.
  public static func parse(_ text: String) -> Double? {
    text.isEmpty ? nil : Double(text)
  }
}
