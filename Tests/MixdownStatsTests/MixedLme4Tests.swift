import Foundation
import Testing
@testable import MixdownStats

/// The numerical core against lme4 1.1 (fixtures made by Fixtures/make-lme4-fixtures.R):
/// random slopes, uncorrelated terms, crossed and nested factors (also sparse crossings with
/// random slopes, and nested blocks wider than one), a singular fit, REML and ML.
@Suite struct MixedLme4Tests {
    struct Case: CustomStringConvertible, Sendable {
        let fixture: String
        let method: MixedModelMethod
        /// Relative tolerance of θ, β, standard errors, variance components and modes.
        var tolerance = 1e-5
        var description: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "sleepstudy", method: .reml), Case(fixture: "sleepstudy-ml", method: .ml),
        Case(fixture: "sleepstudy-uncorrelated", method: .reml), Case(fixture: "penicillin", method: .reml),
        Case(fixture: "pastes", method: .reml), Case(fixture: "dyestuff2", method: .reml),
        Case(fixture: "score-inter", method: .reml), Case(fixture: "score-inter-ml", method: .ml),
        Case(fixture: "score-full", method: .reml),
        Case(fixture: "crossed-sparse", method: .reml), Case(fixture: "nested-slope", method: .reml),
        // 20 θ parameters, past the Newton polish: the bar (variance components to 1e-4).
        Case(fixture: "maximal", method: .reml, tolerance: 1e-4),
    ]

    /// Builds the model input of a fixture by hand (independent of the formula code).
    static func input(_ name: String) throws -> MixedModelInput {
        func ones(_ n: Int) -> [Double] { [Double](repeating: 1, count: n) }
        switch name {
        case "sleepstudy", "sleepstudy-ml", "sleepstudy-uncorrelated":
            let c = try MixedFixtures.csv("lme4-sleepstudy.csv")
            let y = MixedFixtures.numbers(c["Reaction"]), days = MixedFixtures.numbers(c["Days"])
            let t = MixedFixtures.term("Subject", c["Subject"] ?? [], names: ["Intercept", "Days"],
                                       columns: [ones(y.count), days], correlated: name != "sleepstudy-uncorrelated")
            return MixedModelInput(responseName: "Reaction", response: y, fixedNames: ["Intercept", "Days"],
                                   fixedColumns: [ones(y.count), days], terms: [t])
        case "penicillin":
            let c = try MixedFixtures.csv("lme4-penicillin.csv")
            let y = MixedFixtures.numbers(c["diameter"])
            return MixedModelInput(responseName: "diameter", response: y, fixedNames: ["Intercept"], fixedColumns: [ones(y.count)],
                                   terms: [MixedFixtures.term("plate", c["plate"] ?? [], names: ["Intercept"], columns: [ones(y.count)]),
                                           MixedFixtures.term("sample", c["sample"] ?? [], names: ["Intercept"], columns: [ones(y.count)])])
        case "pastes":
            let c = try MixedFixtures.csv("lme4-pastes.csv")
            let y = MixedFixtures.numbers(c["strength"])
            let batch = c["batch"] ?? [], cask = c["cask"] ?? []
            let caskBatch = zip(cask, batch).map { "\($0):\($1)" }
            return MixedModelInput(responseName: "strength", response: y, fixedNames: ["Intercept"], fixedColumns: [ones(y.count)],
                                   terms: [MixedFixtures.term("batch", batch, names: ["Intercept"], columns: [ones(y.count)]),
                                           MixedFixtures.term("cask:batch", caskBatch, names: ["Intercept"], columns: [ones(y.count)])])
        case "dyestuff2":
            let c = try MixedFixtures.csv("lme4-dyestuff2.csv")
            let y = MixedFixtures.numbers(c["Yield"])
            return MixedModelInput(responseName: "Yield", response: y, fixedNames: ["Intercept"], fixedColumns: [ones(y.count)],
                                   terms: [MixedFixtures.term("Batch", c["Batch"] ?? [], names: ["Intercept"], columns: [ones(y.count)])])
        case "crossed-sparse":
            let c = try MixedFixtures.csv("lme4-crossed-sparse.csv")
            let y = MixedFixtures.numbers(c["y"]), a = MixedFixtures.numbers(c["a"])
            let slope = { (g: String) in MixedFixtures.term(g, c[g] ?? [], names: ["Intercept", "a"], columns: [ones(y.count), a]) }
            return MixedModelInput(responseName: "y", response: y, fixedNames: ["Intercept", "a"], fixedColumns: [ones(y.count), a],
                                   terms: [slope("subj"), slope("item"),
                                           MixedFixtures.term("site", c["site"] ?? [], names: ["Intercept"], columns: [ones(y.count)])])
        case "nested-slope":
            let c = try MixedFixtures.csv("lme4-nested-slope.csv")
            let y = MixedFixtures.numbers(c["y"]), x = MixedFixtures.numbers(c["x"])
            return MixedModelInput(responseName: "y", response: y, fixedNames: ["Intercept", "x"], fixedColumns: [ones(y.count), x],
                                   terms: [MixedFixtures.term("school", c["school"] ?? [], names: ["Intercept", "x"], columns: [ones(y.count), x]),
                                           MixedFixtures.term("class", c["class"] ?? [], names: ["Intercept"], columns: [ones(y.count)])])
        case "maximal":
            let c = try MixedFixtures.csv("lme4-maximal.csv")
            let y = MixedFixtures.numbers(c["y"])
            let a = MixedFixtures.numbers(c["a"]), b = MixedFixtures.numbers(c["b"]), cc = MixedFixtures.numbers(c["c"])
            let product = { (u: [Double], v: [Double]) in zip(u, v).map(*) }
            let slopes = { (g: String) in MixedFixtures.term(g, c[g] ?? [], names: ["Intercept", "a", "b", "c"],
                                                            columns: [ones(y.count), a, b, cc]) }
            return MixedModelInput(responseName: "y", response: y,
                                   fixedNames: ["Intercept", "a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"],
                                   fixedColumns: [ones(y.count), a, b, cc, product(a, b), product(a, cc), product(b, cc),
                                                  product(product(a, b), cc)],
                                   terms: [slopes("subj"), slopes("item")])
        case "score-inter", "score-inter-ml":
            return try MixedFixtures.scoreInput(randomSlope: false)
        case "score-full":
            return try MixedFixtures.scoreInput(randomSlope: true)
        default:
            throw MixedModelError.numerical("unknown fixture \(name)")
        }
    }

    /// Relative error, or absolute for values near zero.
    func close(_ a: Double, _ b: Double, _ tol: Double, abs floor: Double = 1e-7) -> Bool {
        Swift.abs(a - b) <= tol * Swift.max(Swift.abs(b), floor / tol)
    }

    @Test(arguments: cases)
    func agreesWithLme4(_ c: Case) throws {
        let ref = try MixedFixtures.json("lme4-\(c.fixture).json")
        let fit = try LinearMixedModel.fit(Self.input(c.fixture), method: c.method)
        let tol = c.tolerance
        let loglik = try #require(ref["loglik"] as? Double)
        // Our optimum must be at least as good as lme4's, and equal to it within tolerance.
        #expect(fit.logLikelihood >= loglik - 1e-7, "loglik \(fit.logLikelihood) vs \(loglik)")
        #expect(close(fit.logLikelihood, loglik, 1e-8))
        #expect(close(fit.aic, try #require(ref["aic"] as? Double), 1e-8))
        #expect(close(fit.bic, try #require(ref["bic"] as? Double), 1e-8))
        let theta = try #require(ref["theta"] as? [Double])
        #expect(fit.theta.count == theta.count)
        for (a, b) in zip(fit.theta, theta) { #expect(close(a, b, tol, abs: 1e-5), "theta \(fit.theta) vs \(theta)") }
        let beta = try #require(ref["beta"] as? [Double])
        let se = try #require(ref["stderr"] as? [Double])
        for (i, fe) in fit.fixed.enumerated() {
            #expect(close(fe.estimate, beta[i], tol), "beta \(fe.estimate) vs \(beta[i])")
            #expect(close(fit.fixedCovarianceGLS[i][i].squareRoot(), se[i], tol), "se vs \(se[i])")
        }
        let sigma = try #require(ref["sigma"] as? Double)
        #expect(close(fit.residualVariance.squareRoot(), sigma, tol))
        #expect(fit.singular == (try #require(ref["singular"] as? Bool)))
        #expect(fit.singular == !fit.warnings.isEmpty)
        // Variance components on the data scale.
        let comps = try #require(ref["components"] as? [[String: Any]])
        for comp in comps {
            let grp = try #require(comp["grp"] as? String)
            let vcov = try #require(comp["vcov"] as? Double)
            if grp == "Residual" { #expect(close(fit.residualVariance, vcov, tol)); continue }
            let var1 = try #require(comp["var1"] as? String)
            let group = grp.hasSuffix(".1") ? String(grp.dropLast(2)) : grp
            let re = try #require(fit.randomEffects.first { $0.group == group })
            let i = try #require(re.names.firstIndex(of: var1))
            let j = try (comp["var2"] as? String).map { try #require(re.names.firstIndex(of: $0)) } ?? i
            #expect(close(re.covariance[i][j], vcov, tol, abs: 1e-6), "\(grp) \(var1) \(re.covariance[i][j]) vs \(vcov)")
        }
        // Conditional modes.
        let ranef = try #require(ref["ranef"] as? [String: [String: [String: Double]]])
        for modes in fit.modes {
            let want = try #require(ranef[modes.group])
            for (l, level) in modes.levels.enumerated() {
                for (k, name) in modes.names.enumerated() {
                    let v = try #require(want[level]?[name])
                    #expect(close(modes.values[l][k], v, tol, abs: 1e-5), "\(modes.group) \(level) \(name)")
                }
            }
        }
        #expect(fit.converged)
    }

    /// An optimiser stopped after a handful of evaluations is reported, not hidden.
    @Test func nonConvergenceIsReported() throws {
        var optimizer = BoundedOptimizer()
        optimizer.maxEvaluations = 4
        let fit = try LinearMixedModel.fit(Self.input("sleepstudy"), method: .reml, optimizer: optimizer)
        #expect(!fit.converged)
        #expect(fit.warnings.first?.contains("did not converge") == true)
        let json = MixedJSON.render(fit, formula: "Reaction ~ Days + (Days | Subject)")
        #expect(json.contains("\"converged\": false"))
    }
}
