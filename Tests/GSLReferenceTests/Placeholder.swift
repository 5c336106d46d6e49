import Testing

@Test func GSLReferenceTestsBuilds() {}
