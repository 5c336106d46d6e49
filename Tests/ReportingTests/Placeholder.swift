import Testing

@Test func ReportingTestsBuilds() {}
