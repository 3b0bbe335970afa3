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
    /// R 4.2: `qchisq(0.95, 1)`, `pchisq(3.841458820694124, 1)`, `qf(0.95, 2, 10)`,
    /// `pf(4.576027092965013, 1, 58, lower.tail = FALSE)` (= the t test's p, since F(1, ν) = t²(ν)).
    @Test func chiSquaredAndF() {
        #expect(abs(Distributions.chiSquaredQuantile(0.95, df: 1) - 3.841458820694124) < 1e-12)
        #expect(abs(Distributions.chiSquaredCDF(3.841458820694124, df: 1) - 0.95) < 1e-12)
        #expect(abs(Distributions.chiSquaredSF(3.841458820694124, df: 1) - 0.05) < 1e-12)
        #expect(abs(Distributions.fQuantile(0.95, df1: 2, df2: 10) - 4.102821015130399) < 1e-12)
        #expect(abs(Distributions.fSF(4.576027092965013, df1: 1, df2: 58) - 0.036643348085086035) < 1e-12)
        let t = 2.1391650457515063
        #expect(abs(Distributions.fSF(t * t, df1: 1, df2: 58) - Distributions.tTwoSidedP(t, df: 58)) < 1e-14)
    }

    @Test func badArgumentsGiveNaN() {
        #expect(Distributions.tQuantile(1.5, df: 3).isNaN)
        #expect(Distributions.tSF(1, df: -1).isNaN)
    }
}
