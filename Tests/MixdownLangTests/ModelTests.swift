import Foundation
import Testing
@testable import MixdownLang

/// The built-ins of the flagship lesson against statsmodels' numbers.
@Suite struct ModelTests {
    func table(_ r: CellRunResult) -> TableOutput? {
        r.outputs.compactMap { if case .table(let t) = $0 { return t } else { return nil } }.first
    }

    func numbers(_ row: [TableValue]) -> [Double] {
        row.compactMap { if case .number(let x) = $0 { return x } else { return nil } }
    }

    func close(_ a: Double, _ b: Double, rel: Double) -> Bool {
        abs(a - b) <= rel * max(abs(b), 1e-300)
    }

    @Test func olsTTestAndMembers() throws {
        let r = try runWithScore([
            "m = ols(score ~ edu, df)\nt_test(m, \"edu\")",
            "print(m.mse_resid, m.rsquared, m.llf, m.aic, m.bic, m.df_resid, m.nobs)",
            "head(m.fittedvalues, 10)",
        ])
        let t = try #require(table(r[0]))
        #expect(t.columns == ["term", "coef", "std err", "t", "P>|t|", "[0.025", "0.975]"])
        let row = numbers(t.rows[0])
        let ref = Reference.table[0]
        #expect(close(row[0], ref.2, rel: 1e-9))
        #expect(close(row[2], ref.3, rel: 1e-9))
        #expect(close(row[3], ref.4, rel: 1e-9))
        #expect(close(row[4], Reference.globalCI.0, rel: 1e-8))
        #expect(close(row[5], Reference.globalCI.1, rel: 1e-8))
        guard case .text(let line)? = r[1].outputs.first else { Issue.record("no text"); return }
        let values = line.split(separator: " ").compactMap { Double($0) }
        let expected = [Reference.global_mse_resid, Reference.global_rsquared, Reference.global_llf,
                        Reference.global_aic, Reference.global_bic, 58, 60]
        #expect(values.count == expected.count)
        for (v, e) in zip(values, expected) { #expect(close(v, e, rel: 1e-9)) }
        let fitted = try #require(table(r[2])).rows.map { numbers($0)[0] }
        for (v, e) in zip(fitted, Reference.globalFittedHead) { #expect(close(v, e, rel: 1e-12)) }
    }

    @Test func designResponseAndNamedVectors() throws {
        let r = try runWithScore([
            "m = ols(score ~ edu + classroom, df)\nnames(design(m))",
            "head(design(m), 2)",
            "head(response(m), 3)",
            "m.params",
            "m.tvalues",
            "m.pvalues",
            "print(m.params[\"classroom[T.c2]\"] == m.params[2])",
        ])
        #expect(r[0].outputs == [.text("[" + Reference.ancovaNames.map { "\"\($0)\"" }.joined(separator: ", ") + "]")])
        #expect(table(r[1])?.columns == Reference.ancovaNames)
        #expect(table(r[1])?.rows.first == [.number(1), .number(0), .number(0), .number(DataTests.rows[0].1)])
        #expect(table(r[2])?.rows.map { numbers($0)[0] } == DataTests.rows.prefix(3).map(\.2))
        for (cell, expected) in [(3, Reference.ancovaParams), (4, Reference.ancovaTvalues), (5, Reference.ancovaPvalues)] {
            let t = try #require(table(r[cell]))
            #expect(t.columns == ["term", "value"])
            #expect(t.rows.map { $0[0] } == Reference.ancovaNames.map(TableValue.string))
            for (row, e) in zip(t.rows, expected) { #expect(close(numbers(row)[0], e, rel: 1e-8)) }
        }
        #expect(r[6].outputs == [.text("true")])
    }

    @Test func interactionFormulasAgree() throws {
        let r = try runWithScore(["ols(score ~ edu * classroom, df).params", "ols(score ~ edu + classroom + edu:classroom, df).params"])
        let a = try #require(table(r[0])), b = try #require(table(r[1]))
        #expect(a == b)
        #expect(a.rows.map { $0[0] } == Reference.fullNames.map(TableValue.string))
        for (row, e) in zip(a.rows, Reference.fullParams) { #expect(close(numbers(row)[0], e, rel: 1e-9)) }
    }

    @Test func mixedModelMembers() throws {
        let r = try runWithScore([
            "m = lmm(score ~ edu + (1 | classroom), df)\nm.fe_params",
            "m.params",
            "m.random_effects",
            "print(m.scale, m.llf, m.converged, m.singular, len(m.warnings))",
            "m2 = mixedlm(score ~ edu, df, groups = \"classroom\")\nprint(m2.fe_params[\"edu\"] == m.fe_params[\"edu\"])",
        ])
        let fe = try #require(table(r[0]))
        for (row, e) in zip(fe.rows, Reference.lmmInterFe) { #expect(close(numbers(row)[0], e, rel: 1e-5)) }
        let params = try #require(table(r[1]))
        #expect(params.rows.map { $0[0] } == [.string("Intercept"), .string("edu"), .string("Group Var")])
        #expect(close(numbers(params.rows[2])[0], Reference.lmmInterGroupVarScaleFree, rel: 1e-3))
        let ranef = try #require(table(r[2]))
        #expect(ranef.columns == ["classroom", "Intercept"])
        #expect(ranef.rows.map { $0[0] } == [.string("c0"), .string("c1"), .string("c2")])
        for (row, e) in zip(ranef.rows, Reference.lmmInterRanef) { #expect(close(numbers(row)[0], e, rel: 1e-4)) }
        guard case .text(let line)? = r[3].outputs.first else { Issue.record("no text"); return }
        let parts = line.split(separator: " ")
        #expect(close(Double(parts[0]) ?? 0, Reference.lmmInterScale, rel: 1e-4))
        #expect(close(Double(parts[1]) ?? 0, Reference.lmmInterLLF, rel: 1e-6))
        #expect(parts[2...] == ["true", "false", "0"])
        #expect(r[4].outputs == [.text("true")])
    }

    /// statsmodels' MixedLM summary layout, digit for digit where the numbers agree.
    @Test func mixedSummaryHasTheStatsmodelsLayout() throws {
        let r = try runWithScore([
            "print(summary(lmm(score ~ edu + (1 | classroom), df, se = \"statsmodels\")))",
            "print(summary(mixedlm(score ~ edu, df, groups = \"classroom\", re_formula = ~ 1 + edu)))",
        ])
        func mask(_ s: String) -> String { s.replacingOccurrences(of: "[0-9]", with: "#", options: .regularExpression) }
        guard case .text(let inter)? = r[0].outputs.last, case .text(let full)? = r[1].outputs.last else {
            Issue.record("no summaries: \(r)"); return
        }
        #expect(mask(inter) == mask(Reference.lmmInterSummary + "\n"))
        #expect(mask(full) == mask(Reference.lmmFullSummary + "\n"))
        let interLines = inter.components(separatedBy: "\n"), refLines = Reference.lmmInterSummary.components(separatedBy: "\n")
        for i in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] { #expect(interLines[i] == refLines[i]) }
        // The singular fit is announced with the summary.
        #expect(r[1].outputs.contains { if case .warning = $0 { return true } else { return false } })
    }

    @Test func lme4StyleSummaries() throws {
        let r = try runWithScore([
            "print(summary(lmm(score ~ edu + (1 | classroom), df), style = \"lme4\"))",
            "print(summary(ols(score ~ edu, df), style = \"lme4\"))",
        ])
        guard case .text(let mixed)? = r[0].outputs.last, case .text(let ols)? = r[1].outputs.last else {
            Issue.record("no summaries"); return
        }
        #expect(mixed.hasPrefix("Linear mixed model fit by REML ['lmerMod']\nFormula: score ~ edu + (1 | classroom)\n"))
        #expect(mixed.contains("Number of obs: 60, groups:  classroom, 3"))
        #expect(mixed.contains(" classroom (Intercept)"))
        #expect(ols.hasPrefix("Call:\nlm(formula = score ~ edu)\n"))
        #expect(ols.contains("Residual standard error: 2.695 on 58 degrees of freedom"))
    }

    @Test func predictMatchesFittedValues() throws {
        let r = try runWithScore(["m = ols(score ~ edu + classroom, df)\nprint(predict(m, df).values == m.fittedvalues.values)"])
        #expect(r[0].outputs == [.text("true")])
    }

    /// The lesson's comparison table, built row by row, against statsmodels.
    @Test func comparisonTableOfTheSevenModels() throws {
        let r = try runWithScore(["""
            results = comparison()
            results.add("LM-Global (biased)", ols(score ~ edu, df), term = "edu")
            results.add("ANCOVA-Inter (biased)", ols(score ~ edu + classroom, df), term = "edu")
            means = aggregate(df, by = "classroom", mean)
            results.add("Aggregation", ols(score ~ edu, means), term = "edu")
            slopes = by_group(df, "classroom", g -> ols(score ~ edu, g).params["edu"], name = "beta")
            results.add("Hierarchical", ols(beta ~ 1, slopes), term = "Intercept")
            results.add("LMM-Inter", lmm(score ~ edu + (1 | classroom), df, se = "statsmodels"), term = "edu")
            results.add("ANCOVA-Full (biased)", ols(score ~ edu * classroom, df), term = "edu")
            results.add("LMM-Full (biased)", lmm(score ~ edu + (1 + edu | classroom), df, se = "statsmodels"), term = "edu")
            results
            """])
        #expect(r[0].error == nil)
        let t = try #require(table(r[0]))
        #expect(t.columns == ["Model", "RMSE", "Coef", "Stat", "Pval"])
        #expect(t.rows.count == 7)
        for (row, ref) in zip(t.rows, Reference.table) {
            #expect(row[0] == .string(ref.0))
            let v = numbers(row)
            // OLS rows agree to rounding; mixed rows to the optimiser's tolerance (tested in MixdownStats).
            let tol = ref.0.hasPrefix("LMM") ? 1e-3 : 1e-9
            for (a, b) in zip(v, [ref.1, ref.2, ref.3, ref.4]) {
                #expect(close(a, b, rel: tol), "\(ref.0): \(a) vs \(b)")
            }
        }
    }
}

/// Maximum likelihood fits against lme4 (lme4 1.1.31, score-inter-ml fixture of MixdownStats).
@Suite struct MaximumLikelihoodTests {
    @Test func remlFalseFitsByMaximumLikelihood() throws {
        let r = try runWithScore([
            "m = lmm(score ~ edu + (1 | classroom), df, reml = false)\nprint(m.llf, m.fe_params[\"edu\"])",
            "m = mixedlm(score ~ edu, df, groups = \"classroom\", reml = false)\nprint(m.llf, m.fe_params[\"edu\"])",
        ])
        for cell in r {
            guard case .text(let line)? = cell.outputs.first else { Issue.record("no output: \(cell)"); continue }
            let v = line.split(separator: " ").compactMap { Double($0) }
            #expect(v.count == 2)
            #expect(abs(v[0] - (-87.897052936425951)) < 1e-5)
            #expect(abs(v[1] - 0.13141925753917613) < 1e-5)
        }
    }

    @Test func missingValuesBecomeEmptyCells() throws {
        let t = try TempTutorial(files: ["m.csv": "g,x\na,1\nb,\n"])
        let r = t.session().run("read_csv(\"m.csv\")", firstLine: 1)
        #expect(r.outputs == [.table(TableOutput(columns: ["g", "x"], rows: [[.string("a"), .number(1)], [.string("b"), .null]]))])
    }
}
