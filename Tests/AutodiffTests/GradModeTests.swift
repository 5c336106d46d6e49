import Autodiff
import Testing

/// The recording mode: `withoutGrad`, `GradMode.$isEnabled.withValue` and the tasks started
/// inside them.
@Suite struct GradModeTests {
  @Test func recordingIsOnOutsideAnyScopeAndOffInsideWithoutGrad() {
    #expect(GradMode.isEnabled)
    withoutGrad { #expect(!GradMode.isEnabled) }
    #expect(GradMode.isEnabled)
  }

  @Test func switchingRecordingBackOnInsideWithoutGradRecords() {
    let x = Variable(3.0, requiresGrad: true)
    let (inner, outer) = withoutGrad {
      let inner = GradMode.$isEnabled.withValue(true) { x * x }
      return (inner, x * x)
    }
    #expect(inner.requiresGrad && !inner.isLeaf)
    #expect(!outer.requiresGrad && outer.isLeaf)
  }

  @Test func nestedScopesRestoreTheModeOfTheEnclosingOne() {
    withoutGrad {
      GradMode.$isEnabled.withValue(true) {
        withoutGrad { #expect(!GradMode.isEnabled) }
        #expect(GradMode.isEnabled)
      }
      #expect(!GradMode.isEnabled)
    }
  }

  @Test func taskStartedInsideWithoutGradRecordsNothingAfterTheScopeEnds() async {
    let (opened, open) = AsyncStream<Void>.makeStream()
    let task = withoutGrad {
      Task {
        // Runs only once the scope that started it has ended.
        for await _ in opened { break }
        let x = Variable(2.0, requiresGrad: true)
        let y = x * x
        return (GradMode.isEnabled, y.requiresGrad)
      }
    }
    // The scope has ended: here recording is on again.
    let x = Variable(2.0, requiresGrad: true)
    #expect(GradMode.isEnabled)
    #expect((x * x).requiresGrad)
    open.yield()
    let (enabledInTask, recordedInTask) = await task.value
    #expect(!enabledInTask)
    #expect(!recordedInTask)
  }

  @Test func taskStartedWithRecordingOnInsideWithoutGradRecords() async {
    let task = withoutGrad {
      GradMode.$isEnabled.withValue(true) {
        Task { (Variable(2.0, requiresGrad: true) * 3).requiresGrad }
      }
    }
    #expect(await task.value)
  }
}
