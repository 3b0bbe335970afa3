import Foundation
import Testing
@testable import MixdownStats

/// The formula front end, the JSON output of `mixdown fit` and the text summaries.
@Suite struct MixedFormulaTests {
    func frame(_ name: String) throws -> DataFrame {
        try DataFrame.readCSV(path: try MixedFixtures.url(name).path)
    }

    func fit(_ formula: String, _ data: String, _ method: MixedModelMethod = .reml) throws -> LinearMixedModelFit {
        try LinearMixedModel.fit(formula: Formula(formula), data: frame(data), method: method)
    }

    @Test func walkthroughModelThroughFormula() throws {
        let fit = try fit("score ~ edu + (1 | classroom)", "score_parentedu_byclass.csv")
        #expect(fit.fixed.map(\.name) == ["Intercept", "edu"])
        #expect(abs(fit.logLikelihood - -88.86756188) < 1e-7)
        #expect(fit.modes[0].levels == ["c0", "c1", "c2"])
        #expect(abs(fit.modes[0].values[0][0] - -2.889009) < 5e-6)
    }

    @Test func nestedGroupingExpands() throws {
        let ref = try MixedFixtures.json("lme4-pastes.json")
        let fit = try fit("strength ~ 1 + (1 | batch/cask)", "lme4-pastes.csv")
        #expect(fit.randomEffects.map(\.group) == ["batch", "batch:cask"])
        #expect(fit.groupSizes.map(\.levels) == [10, 30])
        let loglik = try #require(ref["loglik"] as? Double)
        #expect(abs(fit.logLikelihood - loglik) < 1e-6)
        // lme4 names the nested factor cask:batch with levels "a:A"; ours is batch:cask, "A:a".
        let ranef = try #require((ref["ranef"] as? [String: [String: [String: Double]]])?["cask:batch"])
        let modes = try #require(fit.modes.first { $0.group == "batch:cask" })
        for (l, level) in modes.levels.enumerated() {
            let parts = level.split(separator: ":")
            let want = try #require(ranef["\(parts[1]):\(parts[0])"]?["Intercept"])
            #expect(abs(modes.values[l][0] - want) < 5e-5 * max(1, abs(want)))
        }
    }

    @Test func crossedAndUncorrelatedThroughFormula() throws {
        let pen = try fit("diameter ~ 1 + (1 | plate) + (1 | sample)", "lme4-penicillin.csv")
        let penRef = try MixedFixtures.json("lme4-penicillin.json")
        #expect(abs(pen.logLikelihood - (try #require(penRef["loglik"] as? Double))) < 1e-6)
        #expect(pen.statsmodelsParameters == nil && pen.fixedCovarianceSource == .generalizedLeastSquares)
        let unc = try fit("Reaction ~ Days + (Days || Subject)", "lme4-sleepstudy.csv")
        let uncRef = try MixedFixtures.json("lme4-sleepstudy-uncorrelated.json")
        #expect(unc.randomEffects.count == 1 && !unc.randomEffects[0].correlated)
        #expect(abs(unc.logLikelihood - (try #require(uncRef["loglik"] as? Double))) < 1e-6)
        let same = try fit("Reaction ~ Days + (1 | Subject) + (0 + Days | Subject)", "lme4-sleepstudy.csv")
        #expect(abs(same.logLikelihood - unc.logLikelihood) < 1e-9)
    }

    @Test func clearErrors() throws {
        let data = try frame("score_parentedu_byclass.csv")
        let oneLevel = try data.filter { $0.string("classroom") == "c0" }
        #expect {
            try LinearMixedModel.fit(formula: Formula("score ~ edu + (1 | classroom)"), data: oneLevel)
        } throws: { e in
            (e as? MixedModelError).map { "\($0)".contains("only one level") } ?? false
        }
        let constant = try data.adding("k") { _ in 3.0 }
        #expect {
            try LinearMixedModel.fit(formula: Formula("score ~ edu + (1 + k | classroom)"), data: constant)
        } throws: { e in
            (e as? MixedModelError) == .constantRandomSlope(group: "classroom", column: "k")
        }
        let perRow = try data.adding("id") { Double($0.index) }
        #expect(throws: MixedModelError.self) {
            try LinearMixedModel.fit(formula: Formula("score ~ edu + (1 | id)"), data: perRow)
        }
    }

    @Test func fitRunnerJSON() throws {
        let path = try MixedFixtures.url("score_parentedu_byclass.csv").path
        let out = FitRunner.run(csvPath: path, formula: "score ~ edu + (1 + edu | classroom)", ml: false, json: true, environment: [:])
        #expect(out.exitCode == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(obj["model"] as? String == "lmm")
        #expect(obj["method"] as? String == "reml")
        #expect(obj["nobs"] as? Int == 60)
        #expect(obj["singular"] as? Bool == true)
        #expect((obj["warnings"] as? [String])?.isEmpty == false)
        #expect((obj["groups"] as? [String: Int]) == ["classroom": 3])
        let random = try #require(obj["random"] as? [[String: Any]])
        #expect(random.count == 3)
        #expect(random.contains { $0["term2"] as? String == "edu" && $0["covariance"] is Double })
        let fixed = try #require(obj["fixed"] as? [[String: Any]])
        let edu = try #require(fixed.first { $0["term"] as? String == "edu" })
        #expect(abs((edu["estimate"] as? Double ?? 0) - 0.12727) < 5e-5)
        #expect(abs((edu["stderr"] as? Double ?? 0) - 0.0462) < 5e-4)
        let ranef = try #require(obj["ranef"] as? [String: [String: [String: Double]]])
        #expect(ranef["classroom"]?["c2"]?["edu"] != nil)
        let ml = FitRunner.run(csvPath: path, formula: "score ~ edu + (1 | classroom)", ml: true, json: true, environment: [:])
        let mlObj = try #require(try JSONSerialization.jsonObject(with: Data(ml.stdout.utf8)) as? [String: Any])
        #expect(mlObj["method"] as? String == "ml")
        let ref = try MixedFixtures.json("lme4-score-inter-ml.json")
        #expect(abs((mlObj["loglik"] as? Double ?? 0) - (try #require(ref["loglik"] as? Double))) < 1e-6)
        let bad = FitRunner.run(csvPath: path, formula: "score ~ edu + (1 | nosuchcolumn)", ml: false, json: true, environment: [:])
        #expect(bad.exitCode == 2)
    }

    /// Same layout as statsmodels' summary (line widths, labels, rows); the numbers match it
    /// except where statsmodels stops short of the optimum (Group Var 9.428 vs 9.427).
    @Test func statsmodelsSummaryLayout() throws {
        let all = try MixedFixtures.json("score_statsmodels.json")
        for (model, slope) in [("LMM-Inter", false), ("LMM-Full (biased)", true)] {
            let ref = try #require(((all["models"] as? [String: Any])?[model] as? [String: Any])?["summary"] as? String)
            let fit = try LinearMixedModel.fit(MixedFixtures.scoreInput(randomSlope: slope))
            let ours = MixedSummary.statsmodels(fit).split(separator: "\n", omittingEmptySubsequences: false)
            let theirs = ref.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(ours.count == theirs.count)
            for (a, b) in zip(ours, theirs) {
                #expect(a.count == b.count, "\(a)")
                #expect(a.prefix(9) == b.prefix(9))
            }
            let same = zip(ours, theirs).filter { $0 == $1 }.count
            #expect(same >= ours.count - 4, "\(MixedSummary.statsmodels(fit))")
        }
    }

    @Test func lme4SummaryLooksLikeLme4() throws {
        let fit = try LinearMixedModel.fit(MixedLme4Tests.input("sleepstudy"))
        let text = MixedSummary.lme4(fit, formula: "Reaction ~ Days + (Days | Subject)", dataName: "sleepstudy")
        #expect(text.contains("REML criterion at convergence: 1743.6"))
        // lme4's default optimiser stops at 612.10 / 24.741; the optimum is 612.09 / 24.740.
        #expect(text.contains(" Subject  (Intercept) 612.09   24.740       \n"))
        #expect(text.contains("          Days         35.07    5.922   0.07\n"))
        #expect(text.contains(" Residual             654.94   25.592"))
        #expect(text.contains("(Intercept)  251.405      6.825  36.838"))
        #expect(text.contains("Days          10.467      1.546   6.771"))
        #expect(text.contains("Number of obs: 180, groups:  Subject, 18"))
        #expect(text.contains("Correlation of Fixed Effects:\n     (Intr)\nDays -0.138\n"))
        #expect(text.contains("Scaled residuals: \n    Min      1Q  Median      3Q     Max \n-3.9536 -0.4634  0.0231  0.4634  5.1793 \n"))
    }
}
