extension Status: CustomStringConvertible {
  /// The stable name (`gradient-tolerance`), as tables, CSV and JSON show it.
  public var description: String { rawValue }
}
