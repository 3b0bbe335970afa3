import Foundation

/// The parameters lme4's `confint.merMod` reports, in its order: per term (θ order) the
/// standard deviations and correlations of the random effects (`sd_(Intercept)|Subject`,
/// `cor_Days.(Intercept)|Subject`, `sd_Days|Subject`), then `sigma`, then the fixed effects.
extension MixedModel {
    /// Names of the interval parameters.
    public var intervalParameterNames: [String] {
        var names: [String] = []
        for term in sortedTerms {
            let n = term.columnNames.map(LinearMixedModelFit.lme4Name)
            for c in 0..<term.width { for r in c..<term.width where term.correlated || r == c {
                names.append(r == c ? "sd_\(n[r])|\(term.group)" : "cor_\(n[r]).\(n[c])|\(term.group)")
            } }
        }
        return names + ["sigma"] + input.fixedNames
    }

    /// Number of random-effect sd/cor parameters (the first entries of the interval parameters).
    var varianceParameterCount: Int { fit.theta.count }

    /// The sd/cor values of the terms (θ order) from relative factors T and σ.
    static func standardDeviationsAndCorrelations(_ terms: [RandomEffectTerm], factors: [[Double]], sigma: Double) -> [Double] {
        var out: [Double] = []
        for (s, term) in terms.enumerated() {
            let q = term.width, t = factors[s]
            var cov = [Double](repeating: 0, count: q * q)
            for i in 0..<q { for j in 0..<q {
                var v = 0.0
                for k in 0..<q { v += t[k * q + i] * t[k * q + j] }
                cov[j * q + i] = v * sigma * sigma
            } }
            for c in 0..<q { for r in c..<q where term.correlated || r == c {
                if r == c {
                    out.append(cov[r * q + r].squareRoot())
                } else {
                    let d = (cov[r * q + r] * cov[c * q + c]).squareRoot()
                    out.append(d > 0 ? cov[c * q + r] / d : 0)
                }
            } }
        }
        return out
    }

    /// θ from sd/cor values and σ: T = the Cholesky factor of (S R S) / σ² per term.
    static func theta(_ terms: [RandomEffectTerm], sdcor: [Double], sigma: Double) -> [Double]? {
        var out: [Double] = []
        var k = 0
        for term in terms {
            let q = term.width
            var sd = [Double](repeating: 0, count: q)
            var cor = [[Double]](repeating: [Double](repeating: 0, count: q), count: q)
            for c in 0..<q { for r in c..<q where term.correlated || r == c {
                if r == c { sd[r] = sdcor[k] } else { cor[r][c] = sdcor[k]; cor[c][r] = sdcor[k] }
                k += 1
            } }
            var l = [Double](repeating: 0, count: q * q)   // column-major lower Cholesky of R
            for j in 0..<q {
                var d = 1.0
                for m in 0..<j { d -= l[m * q + j] * l[m * q + j] }
                if d < -1e-12 { return nil }
                let ljj = max(d, 0).squareRoot()
                l[j * q + j] = ljj
                for i in (j + 1)..<max(q, j + 1) {
                    var s = cor[i][j]
                    for m in 0..<j { s -= l[m * q + i] * l[m * q + j] }
                    l[j * q + i] = ljj > 0 ? s / ljj : 0
                }
            }
            for c in 0..<q { for r in c..<q where term.correlated || r == c {
                out.append(sd[r] / sigma * l[c * q + r])
            } }
        }
        return out
    }

    /// The interval parameters of this fit.
    public var intervalParameterValues: [Double] {
        let sigma = fit.residualVariance.squareRoot()
        return Self.standardDeviationsAndCorrelations(sortedTerms, factors: relativeFactors(fit.theta), sigma: sigma)
            + [sigma] + fit.fixed.map(\.estimate)
    }
}
