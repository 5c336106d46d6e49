import Autodiff
import OptimizationCore
import Solvers
import Testing

@Suite struct CatalogTests {
  @Test func namesAreUniqueAndEachMakesItsSolver() throws {
    #expect(Set(SolverCatalog.names).count == SolverCatalog.names.count)
    for name in SolverCatalog.names { #expect(try SolverCatalog.make(name).name == name) }
    #expect(SolverCatalog.all.count == SolverCatalog.names.count)
  }

  @Test func unknownNameListsTheNames() {
    #expect {
      _ = try SolverCatalog.make("bfsg")
    } throws: { error in
      let text = String(describing: error)
      return text.contains("bfsg") && SolverCatalog.names.allSatisfy { text.contains($0) }
    }
  }

  @Test func settingsReachTheSolver() throws {
    let sgd = try SolverCatalog.make("sgd", settings: ["lr": 0.3, "batch-size": 4])
    #expect((sgd as? SGD)?.learningRate == 0.3)
    #expect((sgd as? SGD)?.batchSize == 4)
    let lbfgs = try SolverCatalog.make("lbfgs", settings: ["memory": 3])
    #expect((lbfgs as? LBFGS)?.memory == 3)
    let sd = try SolverCatalog.make("steepest-descent", settings: ["line-search": "armijo"])
    #expect((sd as? SteepestDescent)?.lineSearch == .armijo)
  }

  @Test func inapplicableOrInvalidSettingsAreErrors() {
    #expect(throws: SolverCatalogError.self) {
      try SolverCatalog.make("bfgs", settings: ["memory": 5])
    }
    #expect(throws: SolverCatalogError.self) {
      try SolverCatalog.make("sgd", settings: ["lr": -1])
    }
    #expect(throws: SolverCatalogError.self) {
      try SolverCatalog.make("nesterov", settings: ["dampening": 0.5])
    }
    #expect(throws: SolverCatalogError.self) {
      try SolverCatalog.make("lbfgs", settings: ["memory": 2.5])
    }
    #expect(throws: SolverCatalogError.self) {
      try SolverCatalog.make("steepest-descent", settings: ["line-search": "exact"])
    }
  }

  @Test func aWholeNumberIsAcceptedWhereANumberIsExpected() throws {
    let sgd = try SolverCatalog.make("sgd", settings: ["lr": 1])
    #expect((sgd as? SGD)?.learningRate == 1)
  }

  @Test func settingsParseFromText() throws {
    #expect(try SolverSetting.learningRate.parse("1e-3") == .number(1e-3))
    #expect(throws: SolverCatalogError.self) { try SolverSetting.learningRate.parse("fast") }
    #expect(throws: SolverCatalogError.self) { try SolverSetting.batchSize.parse("0") }
  }
}
