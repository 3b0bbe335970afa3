import Foundation
import Testing
@testable import MixdownStats

/// The deviance components (log det L_θ², log det R_X², penalised RSS) against lme4's
/// `getME(fit, "devcomp")$cmp` at lme4's optimum (Fixtures/make-lme4-components.R).
@Suite struct MixedComponentsTests {
    @Test(arguments: ["sleepstudy", "penicillin"])
    func componentsMatchLme4(_ name: String) throws {
        let all = try MixedFixtures.json("lme4-components.json")
        let ref = try #require(all[name] as? [String: Any])
        let input = try MixedLme4Tests.input(name)
        let model = ProfiledDeviance(response: input.response, fixed: input.fixedColumns, terms: input.terms, method: .reml)
        let theta = try #require(ref["theta"] as? [Double])
        let c = model.components(theta)
        func close(_ a: Double, _ key: String) throws -> Bool {
            let b = try #require(ref[key] as? Double)
            return abs(a - b) <= 1e-9 * max(1, abs(b))
        }
        #expect(try close(c.ldL2, "ldL2"), "ldL2 \(c.ldL2)")
        #expect(try close(c.ldRX2, "ldRX2"), "ldRX2 \(c.ldRX2)")
        #expect(try close(c.pwrss, "pwrss"), "pwrss \(c.pwrss)")
        #expect(try close(c.deviance(.reml), "REML"))
        #expect(c.deviance(.reml) == model.deviance(theta))
        #expect(c.n == input.response.count && c.p == input.fixedColumns.count)
    }

    /// Asking again for the θ just evaluated reuses the factor (not counted as an evaluation);
    /// any other θ, or a failed factorisation in between, refactors, so β always belongs to the
    /// θ last asked for.
    @Test(arguments: ["sleepstudy", "crossed-sparse"])
    func repeatedThetaReusesTheFactor(_ name: String) throws {
        let input = try MixedLme4Tests.input(name)
        let terms = input.terms.sorted { $0.levels.count > $1.levels.count }
        let model = ProfiledDeviance(response: input.response, fixed: input.fixedColumns, terms: terms, method: .reml)
        let a = model.layouts.flatMap { $0.start }
        let b = a.map { $0 * 0.5 }
        let da = model.deviance(a)
        let betaA = model.beta()
        #expect(model.deviance(a) == da && model.evaluations == 1)
        let db = model.deviance(b)
        #expect(db != da && model.evaluations == 2 && model.beta() != betaA)
        #expect(model.deviance(a) == da && model.evaluations == 3 && model.beta() == betaA)
        #expect(model.deviance(a.map { _ in Double.nan }) == .infinity && model.evaluations == 4)
        #expect(model.deviance(a) == da && model.evaluations == 5 && model.beta() == betaA)
    }

    /// Components of a θ where a factor failed give an infinite deviance for both criteria.
    @Test func infeasibleComponentsHaveInfiniteDeviance() {
        let c = DevianceComponents.infeasible(n: 10, p: 2)
        #expect(c.deviance(.ml) == .infinity && c.deviance(.reml) == .infinity)
    }

    /// `refit(response:)` shares the Z'Z structure and gives the deviance of a freshly built model.
    @Test(arguments: ["sleepstudy", "penicillin", "crossed-sparse", "nested-slope"])
    func refitMatchesAFreshModel(_ name: String) throws {
        let input = try MixedLme4Tests.input(name)
        let terms = input.terms.sorted { $0.levels.count > $1.levels.count }
        let model = ProfiledDeviance(response: input.response, fixed: input.fixedColumns, terms: terms, method: .reml)
        let other = input.response.enumerated().map { i, y in y * 0.5 + Double(i % 7) - 3 }
        let fresh = ProfiledDeviance(response: other, fixed: input.fixedColumns, terms: terms, method: .reml)
        let refit = model.refit(response: other)
        let theta = model.layouts.flatMap { $0.start }.map { $0 * 0.8 }
        let (a, b) = (refit.deviance(theta), fresh.deviance(theta))
        #expect(abs(a - b) <= 1e-10 * abs(b), "\(a) vs \(b)")
        for (x, y) in zip(refit.beta(), fresh.beta()) { #expect(abs(x - y) <= 1e-10 * max(1, abs(y))) }
        #expect(model.refit(response: input.response).deviance(theta) == model.deviance(theta))
    }

    /// Z_B'Z_A stored dense (BLAS panels, `DenseCrossBlock`), dense with levels of A sharing
    /// their panels, and sparse by level (`CrossBlock`) give the same deviance, β and conditional
    /// modes, at the start and at a θ with off-diagonal terms: crossed factors with random slopes
    /// on both sides, and scalar ones. The shared form is forced even where every panel differs.
    @Test(arguments: ["crossed-sparse", "penicillin", "crossed-slopes"])
    func denseAndSparseCrossBlocksAgree(_ name: String) throws {
        let input = name == "crossed-slopes" ? Self.crossedSlopes() : try MixedLme4Tests.input(name)
        let terms = input.terms.sorted { $0.levels.count > $1.levels.count }
        func model(dense: Bool, share: Bool? = nil) -> ProfiledDeviance {
            ProfiledDeviance(response: input.response, fixed: input.fixedColumns, terms: terms, method: .reml,
                             denseCross: dense, sharePanels: share)
        }
        let sparse = model(dense: false)
        let variants = [("dense", model(dense: true, share: false)), ("shared", model(dense: true, share: true))]
        let start = sparse.layouts.flatMap { $0.start }
        var skewed = start
        for i in skewed.indices { skewed[i] = start[i] == 0 ? 0.1 * Double(i % 3) - 0.05 : 0.6 + 0.1 * Double(i % 4) }
        for theta in [start, skewed] {
            let b = sparse.deviance(theta)
            let beta = sparse.beta()
            let modes = sparse.conditionalModes(beta: beta)
            for (label, other) in variants {
                let a = other.deviance(theta)
                #expect(a.isFinite && abs(a - b) <= 1e-11 * abs(b), "\(name) \(label): \(a) vs \(b)")
                for (x, y) in zip(other.beta(), beta) { #expect(abs(x - y) <= 1e-10 * max(1, abs(y)), "\(name) \(label) β") }
                for (u, v) in zip(other.conditionalModes(beta: beta), modes) {
                    for (x, y) in zip(u, v) { #expect(abs(x - y) <= 1e-9 * max(1, abs(y)), "\(name) \(label) modes") }
                }
            }
        }
    }

    /// In crossed-slopes the subjects' panels depend only on the parity of the subject (the
    /// condition of each item alternates), so the nine levels share two panels; in Penicillin
    /// every plate meets every sample once, so all 24 plates share one; a design whose panels
    /// mostly differ (crossed-sparse) does not share.
    @Test func levelsWithEqualPanelsShareThem() throws {
        func dense(_ input: MixedModelInput) -> DenseCrossBlock {
            let terms = input.terms.sorted { $0.levels.count > $1.levels.count }
            let bo = [0]
            let qB = terms[1].width * terms[1].levels.count
            return DenseCrossBlock(CrossBlock(termA: terms[0], others: [terms[1]], offsets: bo, qB: qB))
        }
        let slopes = dense(Self.crossedSlopes())
        #expect(slopes.shared && slopes.panelCount == 2 && slopes.levels == 9)
        let penicillin = dense(try MixedLme4Tests.input("penicillin"))
        #expect(penicillin.shared && penicillin.panelCount == 1 && penicillin.levels == 24)
        #expect(!dense(try MixedLme4Tests.input("crossed-sparse")).shared)
    }

    static func crossedSlopes() -> MixedModelInput {
        var rng = SplitMix64(state: 14)
        var subj: [String] = [], item: [String] = [], a: [Double] = [], b: [Double] = [], y: [Double] = []
        for s in 0..<9 {
            for i in 0..<7 {
                subj.append("s\(s)"); item.append("i\(i)")
                a.append((s + i) % 2 == 0 ? 1 : -1); b.append(Double(i % 3) - 1)
                y.append(0.3 * Double(s % 4) - 0.2 * Double(i) + a[a.count - 1] * 0.5 + Double.random(in: -1...1, using: &rng))
            }
        }
        let ones = [Double](repeating: 1, count: y.count)
        return MixedModelInput(responseName: "y", response: y, fixedNames: ["Intercept", "a", "b"], fixedColumns: [ones, a, b],
                               terms: [MixedFixtures.term("subj", subj, names: ["Intercept", "a"], columns: [ones, a]),
                                       MixedFixtures.term("item", item, names: ["Intercept", "a", "b"], columns: [ones, a, b])])
    }

    /// A response far from zero (y + 10⁶) fits to the same log-likelihood, θ and slope, with the
    /// intercept moved by 10⁶: the cross-products are accumulated for y − Xγ (uncentred, y'y ≈ 10¹⁴
    /// would leave r² with four digits).
    @Test func largeResponseOffsetCostsNoDigits() throws {
        let input = try MixedLme4Tests.input("crossed-sparse")
        let moved = MixedModelInput(responseName: input.responseName, response: input.response.map { $0 + 1e6 },
                                    fixedNames: input.fixedNames, fixedColumns: input.fixedColumns, terms: input.terms)
        let a = try LinearMixedModel.fit(input), b = try LinearMixedModel.fit(moved)
        #expect(abs(a.logLikelihood - b.logLikelihood) < 1e-8, "\(a.logLikelihood) vs \(b.logLikelihood)")
        #expect(abs(b.fixed[0].estimate - a.fixed[0].estimate - 1e6) < 1e-6)
        #expect(abs(b.fixed[1].estimate - a.fixed[1].estimate) < 1e-8)
        for (x, y) in zip(a.theta, b.theta) { #expect(abs(x - y) < 1e-6) }
    }
}
