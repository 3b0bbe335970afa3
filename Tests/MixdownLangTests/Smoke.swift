import Testing
@testable import MixdownLang

@Test func LangLinks() { #expect(true) }
