/// Why a closure was not recorded into a `CompiledFunction` by
/// `CompiledFunction.recordingStrictly(dimension:_:)`.
public enum RecordingRefusal: Error, CustomStringConvertible, Sendable {
  /// The closure read the value of a variable computed from its input (`.scalar`, `.value` or
  /// its description): a branch or a constant taken from it would be frozen at the recording
  /// point. Such a closure must be evaluated by building its graph at every point.
  case readsValues(count: Int)
  /// The closure read element `index` of an input of `count` elements.
  case indexOutOfRange(index: Int, count: Int)
  /// The closure combined shapes that do not fit, or returned something other than a scalar.
  case invalid(String)

  public var description: String {
    switch self {
    case .readsValues(let count):
      return
        "the function reads the value of a variable computed from its input (\(count) "
        + "read\(count == 1 ? "" : "s") of .scalar, .value or its description), so a branch "
        + "or constant taken from it would be frozen at the recording point"
    case .indexOutOfRange(let index, let count):
      return "the function reads element \(index) of an input of \(count) elements"
    case .invalid(let reason):
      return reason
    }
  }
}

extension CompiledFunction {
  /// Records `body` on one vector input of length `dimension`, refusing a closure whose
  /// recording would not stand for it at every point (see `RecordingRefusal`): one that reads
  /// a value computed from its input, or an element past its end. The out-of-range read is
  /// reported instead of stopping the process.
  public static func recordingStrictly(
    dimension: Int, _ body: (Variable<T>) -> Variable<T>
  ) throws(RecordingRefusal) -> CompiledFunction<T> {
    let outcome: Result<CompiledFunction<T>, any Error>
    let findings: RecordingWatch.Findings
    (outcome, findings) = RecordingWatch.watching {
      Result { try CompiledFunction(dimension: dimension, body) }
    }
    if let (index, count) = findings.outOfRange {
      throw .indexOutOfRange(index: index, count: count)
    }
    if findings.valueReads > 0 { throw .readsValues(count: findings.valueReads) }
    switch outcome {
    case .success(let function): return function
    case .failure(let error): throw .invalid("\(error)")
    }
  }
}
