import Foundation
import Testing
@testable import MixdownStats

/// Small-sample inference against lme4 / lmerTest / pbkrtest (fixtures from
/// scripts/reference/inference-fixtures.R, lme4 fitted with a tight BOBYQA).
@Suite struct InferenceReferenceTests {
    static let cases = ["sleepstudy", "fewgroups", "crossed", "nested", "smallvariance", "sleepstudy-ml"]

    @Test(arguments: cases) func lme4StandardErrors(name: String) throws {
        let c = try InferenceCase(name)
        let se = c.numbers("stderr_lme4")
        #expect(c.model.fit.standardErrorConvention == .lme4)
        for (i, f) in c.model.fit.fixed.enumerated() {
            // θ is determined only to a few 1e-7 (the REML criterion is flat to 1e-12 there;
            // lme4's and Mixdown's optima differ by that): fewgroups' shift agrees to 1.2e-7.
            #expect(InferenceCase.rel(f.stderr, se[i]) < 1.5e-7, "\(name) \(f.name): \(f.stderr) vs \(se[i])")
        }
    }

    /// End to end at Mixdown's own optimum: df to 1e-6; t to 1e-6 (p then follows from t and
    /// df; a p of 1e-17 moves by 1e-5 relative for a t that moves by 1e-9).
    @Test(arguments: cases) func satterthwaite(name: String) throws {
        let c = try InferenceCase(name)
        let df = c.numbers("satterthwaite", "df"), t = c.numbers("satterthwaite", "t")
        let tests = try c.model.tTests(ddf: .satterthwaite)
        for (i, test) in tests.enumerated() {
            #expect(InferenceCase.rel(test.df, df[i]) < 1e-6, "\(name) \(test.name) df: \(test.df) vs \(df[i])")
            #expect(InferenceCase.rel(test.t, t[i]) < 1e-6, "\(name) \(test.name) t: \(test.t) vs \(t[i])")
        }
    }

    /// At lme4's (θ, σ): df and p (from lmerTest's t) to 1e-6 relative.
    @Test(arguments: cases) func satterthwaiteAtReference(name: String) throws {
        let c = try InferenceCase(name)
        let df = c.numbers("satterthwaite", "df"), t = c.numbers("satterthwaite", "t"), p = c.numbers("satterthwaite", "p")
        let point = c.numbers("theta") + c.numbers("sigma")
        let s = try SatterthwaiteApproximation(c.model, derivatives: SatterthwaiteApproximation.derivatives, at: point)
        let k = df.count
        for i in 0..<k {
            let d = s.degreesOfFreedom(contrast: (0..<k).map { $0 == i ? 1.0 : 0.0 })
            let pv = Distributions.tTwoSidedP(t[i], df: d)
            #expect(InferenceCase.rel(d, df[i]) < 1e-6, "\(name) \(i) df: \(d) vs \(df[i])")
            // A p below 1e-10 (t > 20) moves by 1e-5 for a df that moves by 1e-7, the digits
            // lmerTest's own derivatives carry.
            #expect(InferenceCase.rel(pv, p[i]) < (p[i] < 1e-10 ? 1e-5 : 1e-6), "\(name) \(i) p: \(pv) vs \(p[i])")
        }
    }

    @Test(arguments: ["sleepstudy", "fewgroups", "crossed", "nested", "smallvariance"]) func kenwardRoger(name: String) throws {
        let c = try InferenceCase(name)
        let df = c.numbers("kenward_roger", "df"), se = c.numbers("kenward_roger", "stderr")
        let p = c.numbers("kenward_roger", "p")
        let tests = try c.model.tTests(ddf: .kenwardRoger)
        for (i, t) in tests.enumerated() {
            #expect(InferenceCase.rel(t.df, df[i]) < 1e-4, "\(name) \(t.name) df: \(t.df) vs \(df[i])")
            #expect(InferenceCase.rel(t.stderr, se[i]) < 1e-6, "\(name) \(t.name) se: \(t.stderr) vs \(se[i])")
            #expect(InferenceCase.rel(t.pValue, p[i]) < 1e-4, "\(name) \(t.name) p: \(t.pValue) vs \(p[i])")
        }
    }

    @Test(arguments: cases) func conditionalStandardDeviations(name: String) throws {
        let c = try InferenceCase(name)
        // At lme4's θ and σ (θ itself agrees to ~1e-6 on the flat criterion of smallvariance).
        let sigma = c.numbers("sigma")[0]
        let predictions = try c.model.randomEffectPredictions(theta: c.numbers("theta"), sigma2: sigma * sigma)
        #expect(try c.model.randomEffectPredictions().count == predictions.count)
        let ranef = c.reference["ranef"] as? [String: Any] ?? [:]
        #expect(predictions.count == ranef.count)
        for pred in predictions {
            let key = ranef.keys.first { InferenceCase.sameGroup($0, pred.group) } ?? ""
            let ref = ranef[key] as? [String: Any] ?? [:]
            let levels = ref["levels"] as? [String] ?? []
            let sds = (ref["condsd"] as? [[NSNumber]] ?? []).map { $0.map(\.doubleValue) }
            let values = (ref["values"] as? [[NSNumber]] ?? []).map { $0.map(\.doubleValue) }
            #expect(levels.count == pred.levels.count, "\(name) \(pred.group)")
            for (l, level) in levels.enumerated() {
                // lme4 names a nested level inner-first too ("c1:s1").
                let mine = pred.levels.firstIndex { InferenceCase.sameGroup($0, level) } ?? -1
                guard mine >= 0 else { Issue.record("\(name): level \(level) missing"); continue }
                for e in pred.names.indices {
                    let s = pred.conditionalStandardDeviations[mine][e]
                    #expect(InferenceCase.rel(s, sds[l][e]) < 1e-6, "\(name) \(pred.group) \(level): \(s) vs \(sds[l][e])")
                    #expect(abs(pred.values[mine][e] - values[l][e]) < 1e-5 * max(1, abs(values[l][e])))
                }
            }
        }
    }

    @Test(arguments: ["sleepstudy", "fewgroups", "crossed", "nested"]) func likelihoodRatio(name: String) throws {
        let c = try InferenceCase(name)
        for comparison in c.reference["anova"] as? [[String: Any]] ?? [] {
            let formulas = comparison["formulas"] as? [String] ?? []
            let models = try formulas.enumerated().map { ("m\($0.offset)", try c.other($0.element)) }
            let table = try LikelihoodRatioTable(models)
            let ref = comparison["table"] as? [String: Any] ?? [:]
            let num = { (k: String) in (ref[k] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
            #expect(table.refitted)
            #expect(table.npar == num("npar").map { Int($0) })
            for k in table.names.indices {
                #expect(abs(table.deviance[k] - num("deviance")[k]) < 1e-8, "\(name) deviance \(k)")
                #expect(abs(table.aic[k] - num("AIC")[k]) < 1e-8)
                #expect(abs(table.logLik[k] - num("logLik")[k]) < 1e-8)
            }
            #expect(abs((table.chisq[1] ?? .nan) - num("Chisq")[1]) < 1e-8, "\(name): \(table.chisq[1] ?? .nan) vs \(num("Chisq")[1])")
            #expect(InferenceCase.rel(table.pValue[1] ?? .nan, num("p")[1]) < 1e-6)
        }
    }
}

/// Profile, Wald and bootstrap intervals against lme4's `confint.merMod`.
@Suite struct InferenceIntervalTests {
    /// lme4 profiles a REML fit by ML. fewgroups' ML optimum is on the boundary: lme4's answer
    /// then depends on whether its ML refit stops at θ = 0 or 5e-8 (its REML-fit and ML-fit
    /// profiles differ by up to 6 %); Mixdown's boundary estimate is lme4's exact zero, so it is
    /// compared with lme4's profile of the ML fit.
    @Test(arguments: ["sleepstudy", "fewgroups", "crossed", "nested", "singular", "sleepstudy-ml"])
    func profile(name: String) throws {
        let c = try InferenceCase(name)
        let ci = try MixedConfidenceIntervals(c.model, method: .profile)
        let key = name == "fewgroups" ? "confint_profile_ml" : "confint_profile"
        let lo = c.numbers(key, "lower"), hi = c.numbers(key, "upper")
        #expect(ci.names.count == lo.count)
        for j in ci.names.indices {
            let scale = max(abs(hi[j] - lo[j]), 1e-8)
            #expect(abs(ci.lower[j] - lo[j]) / scale < 1e-4, "\(name) \(ci.names[j]) lower: \(ci.lower[j]) vs \(lo[j])")
            #expect(abs(ci.upper[j] - hi[j]) / scale < 1e-4, "\(name) \(ci.names[j]) upper: \(ci.upper[j]) vs \(hi[j])")
            if ci.names[j].hasPrefix("sd_") && lo[j] == 0 { #expect(ci.lower[j] == 0, "\(name): a boundary sd has lower limit 0") }
        }
    }

    /// smallvariance (ML optimum θ ≈ 3e-8): lme4's fixed-effect profile stays at θ = 0 on part of
    /// its grid, so its limits sit where the true ζ is ±1.82 (checked with lme4's own deviance
    /// on refits at those values: ζ = −1.826 and 1.822; at Mixdown's limits −1.960 and 1.960).
    /// Mixdown's limits are where ζ is ±z, and lme4's lie inside them.
    @Test func profileOnTheBoundaryReachesTheCutoff() throws {
        let c = try InferenceCase("smallvariance")
        let ci = try MixedConfidenceIntervals(c.model, method: .profile)
        let lo = c.numbers("confint_profile", "lower"), hi = c.numbers("confint_profile", "upper")
        let profiler = Profiler(try c.model.refitted(.ml))
        let z = Distributions.normalQuantile(0.975)
        #expect(ci.lower[0] == 0)
        for j in 2..<ci.names.count {
            var warm: [Double] = []
            let zl = profiler.zeta(j, profiler.kind(j), ci.lower[j], warm: &warm)
            let zu = profiler.zeta(j, profiler.kind(j), ci.upper[j], warm: &warm)
            #expect(abs(zl + z) < 2e-3 && abs(zu - z) < 2e-3, "\(ci.names[j]): ζ \(zl), \(zu)")
            #expect(ci.lower[j] <= lo[j] && ci.upper[j] >= hi[j])
        }
    }

    @Test func waldMatchesLme4() throws {
        let c = try InferenceCase("sleepstudy")
        let ci = try MixedConfidenceIntervals(c.model, method: .wald)
        let lo = c.numbers("confint_wald", "lower"), hi = c.numbers("confint_wald", "upper")
        for j in ci.names.indices {
            if lo[j].isNaN { #expect(ci.lower[j].isNaN); continue }
            #expect(InferenceCase.rel(ci.lower[j], lo[j]) < 1e-7)
            #expect(InferenceCase.rel(ci.upper[j], hi[j]) < 1e-7)
        }
        #expect(ci.columnNames == ("2.5 %", "97.5 %"))
        #expect(try MixedConfidenceIntervals(c.model, method: .wald, level: 0.9).columnNames == ("5 %", "95 %"))
    }

    @Test func bootstrapIsDeterministicAndCentred() throws {
        let c = try InferenceCase("sleepstudy")
        let a = try ParametricBootstrap(c.model, nsim: 40, seed: 7)
        let b = try ParametricBootstrap(c.model, nsim: 40, seed: 7)
        let other = try ParametricBootstrap(c.model, nsim: 40, seed: 8)
        #expect(a.replicates == b.replicates)
        #expect(a.replicates != other.replicates)
        #expect(a.names == c.model.intervalParameterNames)
        // The replicate mean of the Days slope is near the estimate (SE 1.55, 40 draws).
        let j = a.names.firstIndex(of: "Days") ?? 0
        let mean = a.replicates.map { $0[j] }.reduce(0, +) / 40
        #expect(abs(mean - 10.467) < 1.5)
        #expect(throws: MixedInferenceError.self) { try ParametricBootstrap(c.model, nsim: 0, seed: 1) }
    }
}
