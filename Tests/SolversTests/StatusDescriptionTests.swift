import Solvers
import Testing

@Suite struct StatusDescriptionTests {
  @Test func aStatusPrintsItsStableName() {
    #expect("\(Status.gradientTolerance)" == "gradient-tolerance")
    #expect(Status.allCases.allSatisfy { "\($0)" == $0.rawValue })
  }
}
