import Autodiff
import Testing

/// `CompiledFunction.recordingStrictly` refuses exactly the closures a recording cannot stand
/// for: those that read a value computed from the input, or an element past its end.
@Suite struct StrictRecordingTests {
  @Test func aFormulaIsRecorded() throws {
    let f = try CompiledFunction<Double>.recordingStrictly(dimension: 2) { x in
      x[0] * x[0] + 3 * x[1]
    }
    var g = [Double]()
    // f(2, 5) = 4 + 15; ∇f = (2x₀, 3).
    #expect(f.gradient([2, 5], into: &g) == 19)
    #expect(g == [4, 3])
  }

  @Test(arguments: ["scalar", "value", "description"])
  func readingAValueOfTheInputIsRefused(through read: String) {
    #expect {
      _ = try CompiledFunction<Double>.recordingStrictly(dimension: 1) { x in
        let y = x[0] * 2
        switch read {
        case "scalar": _ = y.scalar
        case "value": _ = y.value
        default: _ = "\(y)"
        }
        return y
      }
    } throws: { error in
      guard case RecordingRefusal.readsValues(let count) = error else { return false }
      return count == 1
    }
  }

  @Test func readingAConstantIsAllowed() throws {
    let c = Variable<Double>(4)
    let f = try CompiledFunction<Double>.recordingStrictly(dimension: 1) { x in
      c.scalar > 0 ? x[0] * c : x[0]
    }
    #expect(f.value([2]) == 8)
  }

  @Test func anElementPastTheEndIsReportedNotFatal() {
    #expect {
      _ = try CompiledFunction<Double>.recordingStrictly(dimension: 2) { x in x[0] + x[2] }
    } throws: { error in
      guard case RecordingRefusal.indexOutOfRange(let index, let count) = error else {
        return false
      }
      return index == 2 && count == 2
    }
  }

  @Test func aNonScalarResultIsRefused() {
    #expect {
      _ = try CompiledFunction<Double>.recordingStrictly(dimension: 2) { x in x * 2 }
    } throws: { error in
      guard case RecordingRefusal.invalid(let reason) = error else { return false }
      return reason.contains("must return a scalar")
    }
  }

  @Test func readsOutsideARecordingAreNotCounted() throws {
    // A value read before and after (not during) the recording leaves it alone.
    let x = Variable<Double>([1, 2], requiresGrad: true)
    _ = (x * x).value
    let f = try CompiledFunction<Double>.recordingStrictly(dimension: 1) { $0[0] }
    _ = sum(x).scalar
    #expect(f.value([7]) == 7)
  }
}
