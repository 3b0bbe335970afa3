import Testing
@testable import MixdownDocs

@Test func DocsLinks() { #expect(true) }
