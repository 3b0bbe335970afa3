import Foundation
import Testing
@testable import MixdownStats

/// Every OLS model of the walkthrough against statsmodels 0.15 (Fixtures/score_statsmodels.json).
@Suite struct OLSReferenceTests {
    static let reference: [String: Any] = {
        guard let url = Bundle.module.url(forResource: "score_statsmodels", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let models = object["models"] as? [String: Any] else { return [:] }
        return models
    }()

    static func model(_ key: String) -> [String: Any] { reference[key] as? [String: Any] ?? [:] }

    /// |a − b| ≤ rel·|b| (plus 1e-13 absolute for values at zero); the default 1e-10 is
    /// stricter than the 1e-8 asked for (measured agreement: ≤ 1.5e-12).
    static func close(_ a: Double, _ b: Double, _ what: String, rel: Double = 1e-10) {
        #expect(abs(a - b) <= rel * abs(b) + 1e-13, "\(what): \(a) vs \(b)")
    }

    /// Compares a fit with one reference model, field by field.
    static func compare(_ fit: OLSFit, with key: String) {
        let m = model(key)
        #expect(!m.isEmpty, "reference model \(key) missing")
        let names = m["exog_names"] as? [String] ?? []
        #expect(fit.names == names)
        let ci = fit.confidenceIntervals()
        let fields: [(String, [Double])] = [("params", fit.params), ("bse", fit.bse), ("tvalues", fit.tvalues),
                                            ("pvalues", fit.pvalues), ("ci_low", ci.lower), ("ci_high", ci.upper)]
        for (field, values) in fields {
            let ref = m[field] as? [String: Double] ?? [:]
            #expect(ref.count == names.count, "\(key) \(field)")
            for (i, name) in names.enumerated() {
                close(values[i], ref[name] ?? .nan, "\(key) \(field) \(name)")
            }
        }
        let scalars: [(String, Double?)] = [("df_resid", fit.dfResid), ("mse_resid", fit.mseResid), ("rmse", fit.rmse),
                                            ("rsquared", fit.rsquared), ("fvalue", fit.fvalue), ("f_pvalue", fit.fPValue),
                                            ("llf", fit.llf), ("aic", fit.aic), ("bic", fit.bic), ("nobs", Double(fit.nobs))]
        for (field, value) in scalars {
            if let ref = m[field] as? Double {
                guard let value else { Issue.record("\(key) \(field): nil vs \(ref)"); continue }
                close(value, ref, "\(key) \(field)")
            } else {
                #expect(value == nil, "\(key) \(field) should be null")
            }
        }
        for (field, values) in [("fitted_head", fit.fitted), ("resid_head", fit.residuals)] {
            let ref = m[field] as? [Double] ?? []
            #expect(!ref.isEmpty)
            for (i, r) in ref.enumerated() { close(values[i], r, "\(key) \(field)[\(i)]") }
        }
    }

    static func score() throws -> DataFrame { try DataFrameTests.scoreFrame() }

    @Test func lmGlobal() throws {
        let fit = try OLS.fit("score ~ edu", data: Self.score())
        Self.compare(fit, with: "LM-Global (biased)")
        #expect(fit.droppedRows == 0)
    }

    @Test func ancovaInter() throws {
        let df = try Self.score()
        let fit = try OLS.fit("score ~ edu + classroom", data: df)
        Self.compare(fit, with: "ANCOVA-Inter (biased)")
        // First design rows, by hand from the CSV (c0,2 / c0,10 / c0,3) and a c1 and a c2 row.
        #expect(fit.design.row(0) == [1, 0, 0, 2])
        #expect(fit.design.row(1) == [1, 0, 0, 10])
        #expect(fit.design.row(2) == [1, 0, 0, 3])
        let edu = try df.numbers("edu")
        let cls = try df.column("classroom")
        for i in 0..<10 {
            let expected = [1, cls[i] == .string("c1") ? 1 : 0, cls[i] == .string("c2") ? 1 : 0, edu[i]]
            #expect(fit.design.row(i) == expected)
        }
        let c1 = fit.design.rowCount - 1
        #expect(fit.design.row(c1) == [1, 0, 1, edu[c1]])
    }

    @Test func aggregation() throws {
        let means = try Self.score().groupBy("classroom").mean()
        let fit = try OLS.fit("score ~ edu", data: means)
        Self.compare(fit, with: "Aggregation")
    }

    @Test func hierarchical() throws {
        let parts = try Self.score().split(by: "classroom")
        let slopes = try parts.map { try OLS.fit("score ~ edu", data: $0.frame).coefficient("edu").estimate }
        let ref = (Self.model("Hierarchical")["data"] as? [String: Any])?["beta"] as? [Double] ?? []
        #expect(ref.count == 3)
        for (a, b) in zip(slopes, ref) { Self.close(a, b, "slope") }
        let betas = try DataFrame(columns: [Column(name: "classroom", strings: parts.map { $0.key.string }),
                                            Column(name: "beta", numbers: slopes)])
        let fit = try OLS.fit("beta ~ 1", data: betas)
        Self.compare(fit, with: "Hierarchical")
    }

    @Test(arguments: ["score ~ edu + classroom + edu:classroom", "score ~ edu * classroom"])
    func ancovaFull(formula: String) throws {
        let fit = try OLS.fit(formula, data: Self.score())
        Self.compare(fit, with: "ANCOVA-Full (biased)")
        #expect(fit.names == ["Intercept", "classroom[T.c1]", "classroom[T.c2]", "edu",
                              "edu:classroom[T.c1]", "edu:classroom[T.c2]"])
        #expect(fit.design.row(0) == [1, 0, 0, 2, 0, 0])
    }

    @Test func comparisonTableRows() throws {
        // The conclusion table: RMSE, Coef, Stat, Pval of edu.
        let df = try Self.score()
        for (key, formula) in [("LM-Global (biased)", "score ~ edu"), ("ANCOVA-Inter (biased)", "score ~ edu + classroom"),
                               ("ANCOVA-Full (biased)", "score ~ edu * classroom")] {
            let fit = try OLS.fit(formula, data: df)
            let row = Self.model(key)["row"] as? [Double] ?? []
            let edu = try fit.coefficient("edu")
            for (a, b) in zip([fit.rmse, edu.estimate, edu.stat, edu.pValue], row) { Self.close(a, b, "\(key) row") }
        }
    }
}
