import Testing

@Test func AutodiffTestsBuilds() {}
