import Testing

@testable import Reporting

// Expected strings are written out by hand from RFC 4180 §2: fields with commas, quotes or line
// breaks are enclosed in double quotes, and an embedded quote is doubled.
@Suite struct CSVWriterTests {
  @Test func plainFieldsAreVerbatim() {
    #expect(CSVWriter.escape("plain") == "plain")
    #expect(CSVWriter.escape("") == "")
    #expect(CSVWriter.escape("x[0]") == "x[0]")
    #expect(CSVWriter.escape(" spaced ") == " spaced ")
  }

  @Test func commaQuoteAndLineBreaksAreQuoted() {
    #expect(CSVWriter.escape("a,b") == "\"a,b\"")
    #expect(CSVWriter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVWriter.escape("\"") == "\"\"\"\"")
    #expect(CSVWriter.escape("two\nlines") == "\"two\nlines\"")
    #expect(CSVWriter.escape("cr\rhere") == "\"cr\rhere\"")
    #expect(CSVWriter.escape("crlf\r\nhere") == "\"crlf\r\nhere\"")
  }

  @Test func recordsEndWithTheChosenTerminator() {
    var crlf = CSVWriter(header: ["a", "b"])
    crlf.appendRow(["1", "x,y"])
    #expect(crlf.text == "a,b\r\n1,\"x,y\"\r\n")

    var lf = CSVWriter(header: ["a", "b"], lineEnding: .lf)
    lf.appendRow(["1"])
    #expect(lf.text == "a,b\n1,\n")
  }
}
