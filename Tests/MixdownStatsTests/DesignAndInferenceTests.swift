import Foundation
import Testing
@testable import MixdownStats

/// Design-matrix names, order and rows against patsy, and type-II ANOVA, t tests and
/// prediction bands against statsmodels (Fixtures/ols_extras_statsmodels.json, made by ols_extras.py).
@Suite struct DesignAndInferenceTests {
    static let extras: [String: Any] = {
        guard let url = Bundle.module.url(forResource: "ols_extras_statsmodels", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }()

    static func cases() throws -> DataFrame {
        try DataFrame.readCSV(path: DataFrameTests.fixture("design_cases.csv"))
    }

    static func close(_ a: Double, _ b: Double, _ what: String, rel: Double = 1e-8) {
        OLSReferenceTests.close(a, b, what, rel: rel)
    }

    /// The design cases, decoded with JSONDecoder (exact doubles; JSONSerialization's
    /// bridging on Linux can be off by an ulp).
    struct DesignCases: Decodable {
        struct Case: Decodable {
            let names: [String]
            let rows: [[Double]]
        }
        let designs: [String: Case]
    }

    @Test func designNamesOrderAndRowsMatchPatsy() throws {
        let url = try #require(Bundle.module.url(forResource: "ols_extras_statsmodels", withExtension: "json", subdirectory: "Fixtures"))
        let designs = try JSONDecoder().decode(DesignCases.self, from: Data(contentsOf: url)).designs
        #expect(designs.count >= 20)
        let df = try Self.cases()
        for (formula, ref) in designs.sorted(by: { $0.key < $1.key }) {
            let mf = try ModelFrame(formula: Formula(formula), data: df)
            let names = ref.names
            #expect(mf.fixedDesign.columnNames == names, "\(formula)")
            let rows = ref.rows
            let transformed = formula.contains("(")
            for (i, row) in rows.enumerated() where mf.fixedDesign.columnNames == names {
                let mine = mf.fixedDesign.row(i)
                if transformed {
                    for (a, b) in zip(mine, row) { Self.close(a, b, "\(formula) row \(i)", rel: 1e-15) }
                } else {
                    #expect(mine == row, "\(formula) row \(i)")
                }
            }
        }
    }

    @Test func anovaTypeTwo() throws {
        let tables = Self.extras["anova_typ2"] as? [String: [String: Any]] ?? [:]
        #expect(tables.count == 3)
        for (formula, ref) in tables.sorted(by: { $0.key < $1.key }) {
            let data = formula.hasPrefix("score") ? try DataFrameTests.scoreFrame() : try Self.cases()
            let table = try OLS.fit(formula, data: data).anova()
            #expect(table.rows.map(\.term) == ref["terms"] as? [String] ?? [], "\(formula)")
            let ss = ref["sum_sq"] as? [Double] ?? [], df = ref["df"] as? [Double] ?? []
            let f = ref["F"] as? [Any] ?? [], p = ref["p"] as? [Any] ?? []
            for (i, row) in table.rows.enumerated() where i < ss.count {
                Self.close(row.sumSq, ss[i], "\(formula) sum_sq \(row.term)", rel: 1e-7)
                #expect(row.df == df[i])
                if let rf = f[i] as? Double { Self.close(row.fValue ?? .nan, rf, "\(formula) F \(row.term)", rel: 1e-7) }
                else { #expect(row.fValue == nil) }
                if let rp = p[i] as? Double { Self.close(row.pValue ?? .nan, rp, "\(formula) p \(row.term)", rel: 1e-6) }
            }
        }
    }

    @Test func tTestsOfContrasts() throws {
        let tests = Self.extras["t_test"] as? [String: [String: Any]] ?? [:]
        #expect(tests.count == 3)
        let df = try DataFrameTests.scoreFrame()
        for (key, ref) in tests {
            let fit = try OLS.fit(key == "edu" ? "score ~ edu" : "score ~ edu + classroom", data: df)
            let r = try fit.tTest(ref["hypothesis"] as? String ?? "")
            Self.close(r.estimate, ref["effect"] as? Double ?? .nan, "\(key) effect")
            Self.close(r.stdErr, ref["sd"] as? Double ?? .nan, "\(key) sd")
            Self.close(r.stat, ref["t"] as? Double ?? .nan, "\(key) t")
            Self.close(r.pValue, ref["p"] as? Double ?? .nan, "\(key) p")
            Self.close(r.ciLow, ref["ci_low"] as? Double ?? .nan, "\(key) ci_low")
            Self.close(r.ciHigh, ref["ci_high"] as? Double ?? .nan, "\(key) ci_high")
        }
        let fit = try OLS.fit("score ~ edu", data: df)
        #expect(try fit.tTest("edu").stat == fit.tTest(contrast: [0, 1]).stat)
        #expect(try fit.tTest("edu").summary().contains("\nc0            0.2328     0.109     2.139     0.037     0.015     0.451\n"))
        #expect(throws: ModelError(.input, "unknown coefficient 'edo' in the hypothesis 'edo = 0' (did you mean 'edu'?)")) {
            try fit.tTest("edo = 0")
        }
        #expect(throws: ModelError.self) { try fit.tTest(contrast: [1]) }
    }

    @Test func predictionBands() throws {
        let df = try DataFrameTests.scoreFrame()
        for (key, formula) in [("prediction", "score ~ edu"), ("prediction_full", "score ~ edu * classroom")] {
            let ref = Self.extras[key] as? [String: Any] ?? [:]
            var columns = [Column(name: "edu", numbers: ref["edu"] as? [Double] ?? [])]
            if let cls = ref["classroom"] as? [String] { columns.append(Column(name: "classroom", strings: cls)) }
            let grid = try DataFrame(columns: columns)
            let pred = try OLS.fit(formula, data: df).predict(grid)
            for (field, values) in [("mean", pred.map(\.mean)), ("mean_se", pred.map(\.stdErr)),
                                    ("lower", pred.map(\.lower)), ("upper", pred.map(\.upper))] {
                let r = ref[field] as? [Double] ?? []
                #expect(r.count == values.count)
                for (a, b) in zip(values, r) { Self.close(a, b, "\(key) \(field)") }
            }
        }
        // Predicting the fitting data gives the fitted values.
        let fit = try OLS.fit("score ~ edu + classroom", data: df)
        for (p, f) in zip(try fit.predict(df), fit.fitted) { Self.close(p.mean, f, "fitted") }
        let unseen = try DataFrame(columns: [Column(name: "edu", numbers: [1]), Column(name: "classroom", strings: ["c9"])])
        #expect(throws: ModelError(.input, "level 'c9' of classroom was not in the fitted data (levels: c0, c1, c2)")) {
            try fit.predict(unseen)
        }
    }

    @Test func constantDetectionFollowsStatsmodels() throws {
        let df = try Self.cases()
        for key in ["no_intercept", "no_constant"] {
            let ref = Self.extras[key] as? [String: Any] ?? [:]
            let fit = try OLS.fit(ref["formula"] as? String ?? "", data: df)
            #expect(fit.hasConstant == ((ref["k_constant"] as? Int) == 1), "\(key)")
            Self.close(fit.rsquared, ref["rsquared"] as? Double ?? .nan, "\(key) R2")
            Self.close(fit.fvalue ?? .nan, ref["fvalue"] as? Double ?? .nan, "\(key) F")
            Self.close(fit.aic, ref["aic"] as? Double ?? .nan, "\(key) aic")
        }
        let adj = Self.extras["rsquared_adj"] as? [String: Double] ?? [:]
        for (formula, value) in adj {
            Self.close(try OLS.fit(formula, data: DataFrameTests.scoreFrame()).rsquaredAdj, value, "adj R2 \(formula)")
        }
    }

    @Test func randomTermsGetDesignsAndGroupings() throws {
        let df = try Self.cases()
        let mf = try ModelFrame(formula: Formula("y ~ x + (1 + x | a) + (1 | a:b)"), data: df)
        #expect(mf.fixedDesign.columnNames == ["Intercept", "x"])
        let z = try mf.design(for: mf.formula.random[0].effects)
        #expect(z.columnNames == ["Intercept", "x"])
        let g = try mf.grouping(["a", "b"])
        #expect(g.levels == ["a0:b0", "a0:b1", "a1:b0", "a1:b1", "a2:b0", "a2:b1"])
        #expect(g.codes.prefix(4) == [0, 2, 4, 1])
        #expect(try mf.grouping(["a"]).levels == ["a0", "a1", "a2"])
    }
}
