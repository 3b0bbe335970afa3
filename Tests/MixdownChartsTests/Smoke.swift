import Testing
@testable import MixdownCharts

@Test func ChartsLinks() { #expect(true) }
