import Testing

@Test func SolversTestsBuilds() {}
