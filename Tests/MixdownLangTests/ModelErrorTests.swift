import Testing
@testable import MixdownLang

/// Errors of model built-ins, located at the culprit.
@Suite struct ModelErrorTests {
    func loc(_ line: Int, _ column: Int) -> MixdownLang.SourceLocation { .init(file: "lesson.md", line: line, column: column) }

    @Test func unknownColumnInAFormulaPointsIntoTheFormula() throws {
        let r = try runWithScore(["m = ols(score ~ eud + classroom, df)"])
        #expect(r[0].error == LangError("the data frame has no column 'eud'", at: loc(1, 17), hint: "did you mean 'edu'?"))
    }

    @Test func wrongArgumentType() throws {
        let r = try runWithScore(["m = ols(score ~ edu, 3)", "m = ols(\"score ~ edu\", df)"])
        #expect(r[0].error == LangError("ols() expects a data frame as its second argument, got a number", at: loc(1, 22)))
        #expect(r[1].error == LangError("ols() expects a formula (such as score ~ edu) as its first argument, got a string", at: loc(1, 9)))
    }

    @Test func formulaSyntaxErrorFromTheStatisticsLibrary() throws {
        let r = try runWithScore(["m = ols(score ~ edu + (1 | ), df)"])
        #expect(r[0].error?.message == "in the formula: expected a term after '|'")
        #expect(r[0].error?.location == loc(1, 28))
    }

    @Test func formulaOverSeveralLinesIsLocatedAtTheColumnName() throws {
        let r = try runWithScore(["m = lmm(score ~ edu +  # the slope\n   (1 + edu || clasroom), df)"])
        #expect(r[0].error == LangError("the data frame has no column 'clasroom'", at: loc(2, 16), hint: "did you mean 'classroom'?"))
    }

    @Test func uncorrelatedRandomEffectsInACell() throws {
        let r = try runWithScore(["m = lmm(score ~ edu + (1 + edu || classroom), df)\nm.formula"])
        #expect(r[0].error == nil)
        #expect(r[0].outputs.contains(.text("score ~ edu + (1 + edu || classroom)")))
    }

    @Test func modelKindMismatches() throws {
        let r = try runWithScore(["m = ols(score ~ edu + (1 | classroom), df)", "m = lmm(score ~ edu, df)",
                                  "m = ols(score ~ edu, df)\nm.random_effects"])
        #expect(r[0].error?.message == "ols() cannot fit the random term (1 | classroom); use lmm() for a mixed model")
        #expect(r[1].error?.message == "lmm() needs a random term such as (1 | classroom) in the formula; without one, use ols()")
        #expect(r[2].error == LangError("'.random_effects' exists only for mixed models (fitted with lmm or mixedlm)", at: loc(2, 3)))
    }

    @Test func unknownTermAndMember() throws {
        let r = try runWithScore(["m = ols(score ~ edu, df)\nt_test(m, \"edus\")", "m = ols(score ~ edu, df)\nm.param"])
        #expect(r[0].error == LangError("the model has no term 'edus'; its terms are 'Intercept', 'edu'", at: loc(2, 11),
                                        hint: "did you mean 'edu'?"))
        #expect(r[1].error == LangError("A fitted OLS model has no member 'param'", at: loc(2, 3), hint: "did you mean 'params'?"))
    }

    @Test func summaryStyleIsChecked() throws {
        let r = try runWithScore(["summary(ols(score ~ edu, df), style = \"lme\")"])
        #expect(r[0].error?.message == "summary() knows the styles \"statsmodels\" and \"lme4\", got \"lme\"")
        #expect(r[0].error?.hint == "did you mean 'lme4'?")
    }

    @Test func comparisonNeedsAModel() throws {
        let r = try runWithScore(["c = comparison()\nc.add(\"x\", df, term = \"edu\")", "c = comparison()\nc.add(\"x\", ols(score ~ edu, df))"])
        #expect(r[0].error?.message == "add() expects a fitted model as its second argument, got a data frame")
        #expect(r[1].error?.message == "add() needs its argument 'term'")
    }
}
