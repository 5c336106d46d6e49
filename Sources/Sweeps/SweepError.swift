/// A sweep that cannot run as asked; the message says what is wrong and where.
public struct SweepError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
