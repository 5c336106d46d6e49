import Testing

@Test func ProblemsTestsBuilds() {}
