import Foundation
import Testing
import MixdownStats
@testable import MixdownLang

/// The mixed-model inference built-ins (contracts §6) on the score data: shapes, column names,
/// agreement with the statistics library, and located errors.
@Suite struct InferenceBuiltinTests {
    func table(_ r: CellRunResult) -> TableOutput? {
        r.outputs.compactMap { if case .table(let t) = $0 { return t } else { return nil } }.first
    }

    func number(_ v: TableValue) -> Double? { if case .number(let x) = v { return x } else { return nil } }

    static let setup = "m0 = lmm(score ~ 1 + (1 | classroom), df)\nm1 = lmm(score ~ edu + (1 | classroom), df)"

    /// The same model through the statistics library.
    func model(_ formula: String) throws -> MixedModel {
        let data = try DataFrame.parseCSV(scoreCSV + "\n", source: "score.csv")
        return try MixedModel(input: try LinearMixedModel.input(formula: try Formula(formula), data: data).input)
    }

    @Test func anovaTable() throws {
        let r = try runWithScore([Self.setup + "\nanova(m0, m1)"])
        let t = try #require(table(r[0]))
        #expect(t.columns == ["model", "npar", "AIC", "BIC", "logLik", "deviance", "Chisq", "Df", "Pr(>Chisq)"])
        #expect(t.rows.map { $0[0] } == [.string("m0"), .string("m1")])
        let ref = try LikelihoodRatioTable([("m0", try model("score ~ 1 + (1 | classroom)")),
                                            ("m1", try model("score ~ edu + (1 | classroom)"))])
        #expect(number(t.rows[1][6]) == ref.chisq[1])
        #expect(r[0].outputs.contains(.warning("refitting model(s) with ML (instead of REML)")))
    }

    @Test func anovaErrors() throws {
        let r = try runWithScore([Self.setup + "\nanova(m0)", "anova(m0, 3)", "anova(m0, ols(score ~ edu, df))",
                                  "anova(m1, lmm(score ~ edu + (1 | classroom), df[df.edu > 5]))"])
        #expect(r[0].error?.message.contains("at least two") == true)
        #expect(r[1].error?.message.contains("argument 2 is a number") == true)
        #expect(r[2].error?.message.contains("OLS") == true)
        #expect(r[3].error?.message.contains("different data") == true)
    }

    @Test func smallSampleTTests() throws {
        let r = try runWithScore([Self.setup + "\nsummary(m1, ddf = \"satterthwaite\")", "t_test(m1, \"edu\", ddf = \"kenward-roger\")",
                                  "summary(ols(score ~ edu, df), ddf = \"satterthwaite\")", "summary(m1, ddf = \"satterwaite\")"])
        let s = try #require(table(r[0]))
        #expect(s.columns == ["term", "Estimate", "Std. Error", "df", "t value", "Pr(>|t|)"])
        let ref = try model("score ~ edu + (1 | classroom)").tTests(ddf: .satterthwaite)
        #expect(number(s.rows[1][3]) == ref[1].df)
        let kr = try #require(table(r[1]))
        #expect(kr.rows.count == 1 && kr.rows[0][0] == .string("edu"))
        #expect(r[2].error?.message.contains("ddf applies to mixed models") == true)
        #expect(r[3].error?.hint?.contains("satterthwaite") == true)
    }

    @Test func intervals() throws {
        let r = try runWithScore([Self.setup + "\nconfint(m1)", "confint(m1, method = \"wald\", level = 0.9)",
                                  "confint(m1, method = \"boot\", nsim = 30, seed = 3)", "confint(m1, method = \"boot\", nsim = 30, seed = 3)",
                                  "confint(m1, method = \"exact\")", "confint(ols(score ~ edu, df))"])
        let p = try #require(table(r[0]))
        #expect(p.columns == ["parameter", "2.5 %", "97.5 %"])
        #expect(p.rows.map { $0[0] } == [.string("sd_(Intercept)|classroom"), .string("sigma"), .string("Intercept"), .string("edu")])
        #expect(try #require(table(r[1])).columns == ["parameter", "5 %", "95 %"])
        #expect(table(r[2]) == table(r[3]))
        #expect(r[4].error?.message.contains("profile") == true)
        #expect(try #require(table(r[5])).rows.count == 2)
    }

    @Test func varCorrRanefPredict() throws {
        let r = try runWithScore([Self.setup + "\nVarCorr(m1)", "ranef(m1, condvar = true)", "ranef(m1, group = \"school\")",
                                  "print(predict(m1, df, re = true).values == m1.fittedvalues.values)",
                                  "new = frame(edu = [10, 10], classroom = [\"zz\", \"c0\"])\nprint(predict(m1, new, re = true).values[0] == predict(m1, new).values[0], predict(m1, new, re = true).values[1] == predict(m1, new).values[1])"])
        #expect(try #require(table(r[0])).columns == ["Groups", "Name", "Variance", "Std.Dev.", "Corr"])
        let re = try #require(table(r[1]))
        #expect(re.columns == ["classroom", "Intercept", "se_Intercept"])
        let ref = try model("score ~ edu + (1 | classroom)").randomEffectPredictions()
        #expect(number(re.rows[0][2]) == ref[0].conditionalStandardDeviations[0][0])
        #expect(r[2].error?.message.contains("no grouping factor 'school'") == true)
        #expect(r[3].outputs == [.text("true")])
        #expect(r[4].outputs == [.text("true false")])
    }

    @Test func bootstrapFrame() throws {
        let r = try runWithScore([Self.setup + "\nb = bootstrap(m1, nsim = 12, seed = 5)\nprint(nrow(b), ncol(b))", "bootstrap(m1, nsim = 0)"])
        #expect(r[0].outputs == [.text("12 4")])
        #expect(r[1].error?.message.contains("nsim > 0") == true)
    }

    @Test func standardErrorConvention() throws {
        let r = try runWithScore([
            "a = lmm(score ~ edu + (1 | classroom), df)\nb = lmm(score ~ edu + (1 | classroom), df, se = \"statsmodels\")\nc = mixedlm(score ~ edu, df, groups = \"classroom\")\nd = mixedlm(score ~ edu, df, groups = \"classroom\", se = \"lme4\")",
            "print(a.bse[\"edu\"] == b.bse[\"edu\"], b.bse[\"edu\"] == c.bse[\"edu\"], a.bse[\"edu\"] == d.bse[\"edu\"])",
            "lmm(score ~ edu + (1 | classroom), df, se = \"sas\")",
        ])
        #expect(r[1].outputs == [.text("false true true")])
        #expect(r[2].error?.message.contains("se must be") == true)
        let lme4SE = try model("score ~ edu + (1 | classroom)").fit.fixed[1].stderr
        let r2 = try runWithScore(["print(lmm(score ~ edu + (1 | classroom), df).bse[\"edu\"] == \(lme4SE))"])
        #expect(r2[0].outputs == [.text("true")])
    }
}
