import Foundation
import Problems
import Testing

/// Data CSVs: what the toolkit writes reads back; what is ambiguous is refused with its place.
@Suite struct DataCellTests {
  /// Loads a problem whose data is `csv` (written to a scratch folder); its error message or "".
  func load(_ csv: String, residual: String = "a - y") -> (String, Problem?) {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("data-cells-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try? Data(csv.utf8).write(to: folder.appendingPathComponent("d.csv"))
    let toml = """
      title = "t"
      variables = ["a"]
      data = "d.csv"
      residuals = ["\(residual)"]
      start = [0]
      """
    do {
      let problem = try ProblemCatalog.load(toml: toml, name: "t", baseDirectory: folder)
      return ("", problem)
    } catch {
      return (error.description, nil)
    }
  }

  @Test(arguments: [
    ("0x10", "'0x10' is not a finite decimal number"),
    ("nan", "'nan' is not a finite decimal number"),
    ("inf", "'inf' is not a finite decimal number"),
    ("1e400", "'1e400' is not a finite decimal number"),
    ("1e", "'1e' is not a finite decimal number"),
    ("", "'' is not a finite decimal number"),
  ])
  func ambiguousCellsAreRefusedWithTheirPlace(cell: String, message: String) {
    let (error, _) = load("t,y\n1,\(cell)\n")
    #expect(error.contains("d.csv, line 2, column 2 ('y'): \(message)"), "\(error)")
  }

  @Test func plainDecimalsLoad() throws {
    // f = Σ (a − yᵢ)² at a = 0 is Σ yᵢ² = 1 + 0.25 + 0.0009 + 1e-6 = 1.250901 (and +y parses).
    let (error, problem) = load("t,y\n1,-1\n2,.5\n3,+3e-2\n4,1E-3\n")
    #expect(error == "")
    let value = try #require(problem).value(at: [0])
    #expect(abs(value - 1.250901) < 1e-15, "\(value)")
  }

  @Test func aByteOrderMarkAndQuotedHeaderReadBack() throws {
    // The header as RFC 4180 writers (ours included) may quote it, after a UTF-8 BOM.
    let (error, problem) = load("\u{FEFF}\"t\",\"y\"\n1,\"2\"\n")
    #expect(error == "")
    #expect(try #require(problem).value(at: [0]) == 4)
  }

  @Test func anUnclosedQuoteIsRefused() {
    let (error, _) = load("t,\"y\n1,2\n")
    #expect(error.contains("line 1, column 2: a quoted field is not closed"), "\(error)")
  }

  @Test func aColumnNamedLikeAVariableIsRefused() {
    let (error, _) = load("a,y\n1,2\n")
    #expect(error.contains("column 'a' has the name of a variable"), "\(error)")
  }

  /// 200,000 distinct columns and one repeated: the pairwise check took minutes at this size
  /// (the suite would stall here); a set finds the repeat at once.
  @Test func aRepeatedColumnAmongManyIsFound() {
    let names = (0..<200_000).map { "c\($0)" }
    let (error, _) = load(names.joined(separator: ",") + ",c7\n")
    #expect(error.contains("column 'c7' appears twice"), "\(error.prefix(200))")
  }
}
