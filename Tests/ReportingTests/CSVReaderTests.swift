import Testing

@testable import Reporting

@Suite struct CSVReaderTests {
  // The examples of RFC 4180 §2.
  @Test func rfcExamples() throws {
    #expect(
      try CSVReader.parse("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n") == [
        ["aaa", "bbb", "ccc"], ["zzz", "yyy", "xxx"],
      ])
    #expect(
      try CSVReader.parse("aaa,bbb,ccc\r\nzzz,yyy,xxx") == [
        ["aaa", "bbb", "ccc"], ["zzz", "yyy", "xxx"],
      ])
    #expect(try CSVReader.parse("\"aaa\",\"bbb\",\"ccc\"\r\n") == [["aaa", "bbb", "ccc"]])
    #expect(
      try CSVReader.parse("\"aaa\",\"b\r\nbb\",\"ccc\"\r\nzzz,yyy,xxx") == [
        ["aaa", "b\r\nbb", "ccc"], ["zzz", "yyy", "xxx"],
      ])
    #expect(try CSVReader.parse("\"aaa\",\"b\"\"bb\",\"ccc\"") == [["aaa", "b\"bb", "ccc"]])
  }

  @Test func emptyFieldsAndLineFeedTerminators() throws {
    #expect(try CSVReader.parse(",\n,a,\n\"\"\n") == [["", ""], ["", "a", ""], [""]])
    #expect(try CSVReader.parse("") == [])
  }

  @Test func writerOutputParsesBack() throws {
    let rows = [
      ["name", "value", "note"],
      ["comma,inside", "quote\"inside", "line\nbreak"],
      ["crlf\r\ninside", "", "ünïcödé ‖∇f‖"],
      ["\"", ",", "\r"],
    ]
    for ending in [CSVWriter.LineEnding.crlf, .lf] {
      var writer = CSVWriter(header: rows[0], lineEnding: ending)
      for row in rows.dropFirst() { writer.appendRow(row) }
      #expect(try CSVReader.parse(writer.text) == rows)
    }
  }

  @Test func malformedInputNamesTheLine() {
    #expect(
      throws: ReportingError.malformedCSV(
        line: 2, reason: "a double quote inside an unquoted field")
    ) {
      try CSVReader.parse("a,b\nx\"y,z\n")
    }
    #expect(
      throws: ReportingError.malformedCSV(
        line: 1, reason: "text after the closing quote of a field")
    ) {
      try CSVReader.parse("\"a\"b,c\n")
    }
    #expect(
      throws: ReportingError.malformedCSV(
        line: 3, reason: "a quoted field is not closed before the end of the text")
    ) {
      try CSVReader.parse("a\nb\n\"open,\nmore\n")
    }
  }

  @Test func tableChecksFieldCountsAndSkipsBlankLines() throws {
    let table = try CSVTable("t,y\n0.5,1\n\n1.0,2\n")
    #expect(table.header == ["t", "y"])
    #expect(table.column("y") == ["1", "2"])
    #expect(table.column("z") == nil)
    #expect(throws: ReportingError.malformedCSV(line: 3, reason: "3 fields where the header has 2"))
    {
      try CSVTable("t,y\n1,2\n1,2,3\n")
    }
  }
}
