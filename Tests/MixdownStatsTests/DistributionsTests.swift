import Testing
@testable import MixdownStats

/// Published values (R 4.2: `2*pt(-2.139165, 58)`, `qt(0.975, 58)`, `2*pnorm(-3.453472)`).
@Suite struct DistributionsTests {
    @Test func studentTTwoSided() {
        #expect(abs(Distributions.tTwoSidedP(2.139165, df: 58) - 0.0366433519537744) < 1e-12)
        #expect(abs(Distributions.tQuantile(0.975, df: 58) - 2.0017174841452356) < 1e-12)
    }
    @Test func normalTwoSided() {
        #expect(abs(Distributions.normalTwoSidedP(3.453472) - 0.0005534197518586488) < 1e-15)
        #expect(abs(Distributions.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
    }
    @Test func badArgumentsGiveNaN() {
        #expect(Distributions.tQuantile(1.5, df: 3).isNaN)
        #expect(Distributions.tSF(1, df: -1).isNaN)
    }
}
