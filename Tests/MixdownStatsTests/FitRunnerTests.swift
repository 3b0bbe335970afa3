import Foundation
import Testing
@testable import MixdownStats

/// `mixdown fit` behaviour: JSON shape of contracts §3, exit codes and messages for bad input.
@Suite struct FitRunnerTests {
    static func tempFile(_ name: String, _ contents: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mixdown-fit-test-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: contents)
        return path
    }

    @Test func jsonMatchesTheContractAndTheReference() throws {
        let path = try DataFrameTests.fixture("score_parentedu_byclass.csv")
        let out = FitRunner.run(csvPath: path, formula: "score ~ edu", ml: false, json: true, environment: [:])
        #expect(out.exitCode == 0)
        #expect(out.stderr == "")
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["model"] as? String == "ols")
        #expect(object["method"] as? String == "ols")
        #expect(object["formula"] as? String == "score ~ edu")
        #expect(object["nobs"] as? Int == 60)
        #expect(object["df_resid"] as? Int == 58)
        #expect(object["converged"] as? Bool == true)
        let fixed = object["fixed"] as? [[String: Any]] ?? []
        #expect(fixed.map { $0["term"] as? String } == ["Intercept", "edu"])
        let edu = fixed.last ?? [:]
        // Round-trip printing: the JSON numbers are the Doubles the fit computed.
        let fit = try OLS.fit("score ~ edu", data: DataFrameTests.scoreFrame())
        #expect(out.stdout.contains("\"estimate\": \(fit.params[1].description),"))
        #expect(out.stdout.contains("\"pvalue\": \(fit.pvalues[1].description),"))
        #expect(edu["estimate"] is Double)
        OLSReferenceTests.close(edu["stat"] as? Double ?? 0, 2.1391650457515063, "t")
        OLSReferenceTests.close(object["mse_resid"] as? Double ?? 0, 7.261868535409315, "mse")
        OLSReferenceTests.close(object["loglik"] as? Double ?? 0, -143.59838053436036, "llf")
        for key in ["rmse", "rsquared", "fvalue", "f_pvalue", "aic", "bic", "warnings"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        // Fixed key order.
        let keys = ["\"model\"", "\"formula\"", "\"method\"", "\"nobs\"", "\"df_resid\"", "\"fixed\"", "\"mse_resid\"",
                    "\"rmse\"", "\"rsquared\"", "\"fvalue\"", "\"f_pvalue\"", "\"loglik\"", "\"aic\"", "\"bic\""]
        let positions = keys.map { out.stdout.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // Deterministic.
        #expect(FitRunner.run(csvPath: path, formula: "score ~ edu", ml: false, json: true, environment: [:]) == out)
    }

    @Test func textSummaryShowsTheCoefficients() throws {
        let path = try DataFrameTests.fixture("score_parentedu_byclass.csv")
        let out = FitRunner.run(csvPath: path, formula: "score ~ edu + classroom", ml: false, json: false, environment: [:])
        #expect(out.exitCode == 0)
        #expect(out.stdout.contains("OLS Regression Results"))
        #expect(out.stdout.contains("classroom[T.c1]"))
        #expect(out.stdout.contains("\nedu                 0.1307     0.038     3.441     0.001     0.055     0.207\n"))
    }

    @Test func timingGoesToStderr() throws {
        let path = try DataFrameTests.fixture("score_parentedu_byclass.csv")
        let out = FitRunner.run(csvPath: path, formula: "score ~ edu", ml: false, json: true, environment: ["MIXDOWN_TIMING": "1"])
        #expect(out.exitCode == 0)
        #expect(out.stderr.contains("timing: csv load"))
        #expect(out.stderr.contains("MB/s"))
    }

    @Test func missingRowsAreDroppedAndCounted() throws {
        let path = try Self.tempFile("na.csv", Data("x,y,g\n1,2,a\n2,NA,b\n3,5,a\n4,7,\n5,9,b\n6,12,a\n".utf8))
        let out = FitRunner.run(csvPath: path, formula: "y ~ x + g", ml: false, json: true, environment: [:])
        #expect(out.exitCode == 0)
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["nobs"] as? Int == 4)
        #expect(object["dropped_rows"] as? Int == 2)
        #expect((object["warnings"] as? [String])?.first == "2 rows with a missing value dropped")
        let text = FitRunner.run(csvPath: path, formula: "y ~ x + g", ml: false, json: false, environment: [:])
        #expect(text.stdout.hasSuffix("Note: 2 rows with a missing value dropped.\n"))
        #expect(text.stdout.contains("No. Observations:                     4   Prob"))
    }

    @Test func badInputsGiveExitTwoWithTheCulprit() throws {
        let score = try DataFrameTests.fixture("score_parentedu_byclass.csv")
        var out = FitRunner.run(csvPath: score, formula: "score ~ edu +", ml: false, json: true, environment: [:])
        #expect(out.exitCode == 2)
        #expect(out.stderr == "mixdown fit: bad formula 'score ~ edu +': expected a term after '+' at column 14\n")
        out = FitRunner.run(csvPath: score, formula: "score ~ edu + clasroom", ml: false, json: false, environment: [:])
        #expect(out.exitCode == 2)
        #expect(out.stderr == "mixdown fit: unknown column 'clasroom' (did you mean 'classroom'?)\n")
        out = FitRunner.run(csvPath: score, formula: "classroom ~ edu", ml: false, json: false, environment: [:])
        #expect(out.exitCode == 2)
        #expect(out.stderr.contains("the response 'classroom' holds strings"))
        let ragged = try Self.tempFile("ragged.csv", Data("a,b\n1,2\n3,4\n5\n".utf8))
        out = FitRunner.run(csvPath: ragged, formula: "a ~ b", ml: false, json: false, environment: [:])
        #expect(out.exitCode == 2)
        #expect(out.stderr == "mixdown fit: \(ragged):4: expected 2 fields (as in the header), found 1\n")
        let empty = try Self.tempFile("empty.csv", Data())
        out = FitRunner.run(csvPath: empty, formula: "a ~ b", ml: false, json: false, environment: [:])
        #expect(out.exitCode == 2)
        #expect(out.stderr == "mixdown fit: \(empty): empty file (no header row)\n")
        let binary = try Self.tempFile("bin.csv", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]))
        out = FitRunner.run(csvPath: binary, formula: "a ~ b", ml: false, json: false, environment: [:])
        #expect(out.exitCode == 2)
        #expect(out.stderr.hasPrefix("mixdown fit: \(binary):1: "))
        out = FitRunner.run(csvPath: "/nonexistent/x.csv", formula: "a ~ b", ml: false, json: false, environment: [:])
        #expect(out.exitCode == 2)
        #expect(out.stderr == "mixdown fit: /nonexistent/x.csv: no such file\n")
    }

    @Test func collinearAndConstantColumnsAreNamed() throws {
        let path = try Self.tempFile("col.csv", Data("y,x,x2,c\n1,1,2,5\n3,2,4,5\n2,3,6,5\n5,4,8,5\n4,5,10,5\n".utf8))
        var out = FitRunner.run(csvPath: path, formula: "y ~ x + x2", ml: false, json: true, environment: [:])
        #expect(out.exitCode == 2)
        #expect(out.stderr == "mixdown fit: the design matrix is rank deficient (aliased columns): 'x2' is a linear combination of x\n")
        out = FitRunner.run(csvPath: path, formula: "y ~ x + c", ml: false, json: true, environment: [:])
        #expect(out.exitCode == 2)
        #expect(out.stderr == "mixdown fit: the design matrix is rank deficient (aliased columns): 'c' is a linear combination of Intercept\n")
    }

    @Test func infiniteValuesAreRejected() throws {
        let path = try Self.tempFile("inf.csv", Data("y,x\n1,2\n3,inf\n4,5\n6,7\n".utf8))
        let out = FitRunner.run(csvPath: path, formula: "y ~ x", ml: false, json: true, environment: [:])
        #expect(out.exitCode == 2)
        #expect(out.stderr == "mixdown fit: column 'x' has an infinite value in data row 2\n")
        let logged = FitRunner.run(csvPath: path, formula: "y ~ log(y - 1)", ml: false, json: true, environment: [:])
        #expect(logged.exitCode == 2)
        #expect(logged.stderr == "mixdown fit: log(y - 1) is infinite in data row 1\n")
    }

    @Test func tooFewRowsIsAFitFailure() throws {
        let path = try Self.tempFile("two.csv", Data("y,x\n1,2\n3,5\n".utf8))
        let out = FitRunner.run(csvPath: path, formula: "y ~ x", ml: false, json: true, environment: [:])
        #expect(out.exitCode == 1)
        #expect(out.stderr.contains("too few observations: 2 rows for 2 coefficients"))
    }
}

/// `mixdown fit` inference options: --se, --ddf, --confint and their JSON keys.
@Suite struct FitRunnerInferenceTests {
    static func path(_ name: String) throws -> String { try MixedFixtures.url("inference/\(name).csv").path }

    @Test func ddfAndConfintKeys() throws {
        let out = FitRunner.run(csvPath: try Self.path("crossed"), formula: "score ~ x + (1 | rater) + (1 | item)", ml: false,
                                json: true, options: MixedFitOptions(ddf: .kenwardRoger, confint: .wald), environment: [:])
        #expect(out.exitCode == 0, "\(out.stderr)")
        let obj = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any] ?? [:]
        let fixed = obj["fixed"] as? [[String: Any]] ?? []
        let ref = try InferenceCase("crossed")
        let df = ref.numbers("kenward_roger", "df")
        #expect(fixed.count == 2)
        for (i, f) in fixed.enumerated() {
            #expect(InferenceCase.rel((f["df"] as? Double) ?? 0, df[i]) < 1e-4)
            #expect(f["pvalue_ddf"] is Double)
        }
        #expect(obj["ddf"] as? String == "kenward-roger")
        #expect(obj["stderr_source"] as? String == "lme4")   // crossed: statsmodels has no form
        let ranefSE = obj["ranef_se"] as? [String: Any] ?? [:]
        #expect(Set(ranefSE.keys) == ["rater", "item"])
        let random = obj["random"] as? [[String: Any]] ?? []
        #expect(Set(random.compactMap { $0["group"] as? String }) == ["rater", "item"])
        let ci = obj["confint"] as? [String: Any] ?? [:]
        #expect(ci["method"] as? String == "wald")
        #expect((ci["parameters"] as? [Any])?.count == 5)
    }

    @Test func standardErrorConventionOption() throws {
        let path = try Self.path("sleepstudy")
        let f = "Reaction ~ Days + (Days | Subject)"
        let sm = FitRunner.run(csvPath: path, formula: f, ml: false, json: true, environment: [:])
        let lme = FitRunner.run(csvPath: path, formula: f, ml: false, json: true, options: MixedFitOptions(se: .lme4), environment: [:])
        let a = try JSONSerialization.jsonObject(with: Data(sm.stdout.utf8)) as? [String: Any] ?? [:]
        let b = try JSONSerialization.jsonObject(with: Data(lme.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(a["stderr_source"] as? String == "statsmodels")
        #expect(b["stderr_source"] as? String == "lme4")
        let se = (b["fixed"] as? [[String: Any]] ?? []).compactMap { $0["stderr"] as? Double }
        let ref = try InferenceCase("sleepstudy").numbers("stderr_lme4")
        #expect(se.count == 2 && InferenceCase.rel(se[1], ref[1]) < 1e-7)
    }

    @Test func badOptions() throws {
        #expect(MixedFitOptions.parse(se: "sas", ddf: nil, confint: nil).1?.contains("--se") == true)
        #expect(MixedFitOptions.parse(se: nil, ddf: "between", confint: nil).1?.contains("--ddf") == true)
        #expect(MixedFitOptions.parse(se: nil, ddf: nil, confint: "exact").1?.contains("--confint") == true)
        let ols = FitRunner.run(csvPath: try Self.path("sleepstudy"), formula: "Reaction ~ Days", ml: false, json: true,
                                options: MixedFitOptions(ddf: .satterthwaite), environment: [:])
        #expect(ols.exitCode == 2 && ols.stderr.contains("mixed model"))
    }
}
