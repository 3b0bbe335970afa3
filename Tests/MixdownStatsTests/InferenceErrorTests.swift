import Foundation
import Testing
@testable import MixdownStats

/// Bad inputs to the inference routines give a clear error, never a silent answer.
@Suite struct InferenceErrorTests {
    @Test func anovaOfDifferentData() throws {
        let sleep = try InferenceCase("sleepstudy")
        let few = try InferenceCase("fewgroups")
        #expect(throws: MixedInferenceError.self) { try LikelihoodRatioTable([("a", sleep.model), ("b", few.model)]) }
        do {
            _ = try LikelihoodRatioTable([("a", sleep.model), ("b", few.model)])
        } catch let e as MixedInferenceError {
            #expect(e.description.contains("different data"))
        }
    }

    @Test func anovaOfNonNestedFixedParts() throws {
        let c = try InferenceCase("nested")
        let a = try c.other("mark ~ hours + (1 | school/class)")
        let b = try c.other("mark ~ public + (1 | school/class)")
        do {
            _ = try LikelihoodRatioTable([("a", a), ("b", b)])
            Issue.record("non-nested models compared")
        } catch let e as MixedInferenceError {
            #expect(e.description.contains("not nested"), "\(e)")
        }
    }

    @Test func anovaNeedsTwoModels() throws {
        let c = try InferenceCase("sleepstudy")
        #expect(throws: MixedInferenceError.self) { try LikelihoodRatioTable([("a", c.model)]) }
    }

    @Test func anovaOfMLFitsDoesNotRefit() throws {
        let c = try InferenceCase("sleepstudy")
        let a = try c.other("Reaction ~ 1 + (Days | Subject)", method: .ml)
        let b = try c.other("Reaction ~ Days + (Days | Subject)", method: .ml)
        let t = try LikelihoodRatioTable([("b", b), ("a", a)])
        #expect(!t.refitted)
        #expect(t.names == ["a", "b"])
    }

    @Test func kenwardRogerRefitsAnMLFitByREML() throws {
        let ml = try InferenceCase("sleepstudy-ml")
        let reml = try InferenceCase("sleepstudy")
        let df = reml.numbers("kenward_roger", "df")
        let tests = try ml.model.tTests(ddf: .kenwardRoger)
        for (i, t) in tests.enumerated() { #expect(InferenceCase.rel(t.df, df[i]) < 1e-4) }
    }

    @Test func standardErrorConventionSwitchesEveryColumn() throws {
        let c = try InferenceCase("sleepstudy")
        let sm = c.model.using(.statsmodels)
        #expect(sm.convention == .statsmodels)
        #expect(sm.fit.fixed[1].stderr != c.model.fit.fixed[1].stderr)
        let back = sm.using(.lme4)
        #expect(back.fit.fixed == c.model.fit.fixed)
        #expect(back.using(.statsmodels).fit.fixed == sm.fit.fixed)
        // Crossed models have no statsmodels form: they stay on lme4's and say so.
        let crossed = try InferenceCase("crossed").model.using(.statsmodels)
        #expect(crossed.convention == .lme4)
    }
}

/// Size limits of the dense computations are clear errors, not a long wait or a crash.
@Suite struct InferenceSizeLimitTests {
    @Test func conditionalVariancesOfALargeCrossedDesign() throws {
        let c = try InferenceCase("crossed")
        do {
            _ = try c.model.randomEffectPredictions(limit: 10)
            Issue.record("no size error")
        } catch let e as MixedInferenceError {
            #expect(e.description.contains("order 18, more than the 10"), "\(e)")
        }
        #expect(try c.model.randomEffectPredictions().count == 2)
    }
}
