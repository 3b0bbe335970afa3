import Foundation

/// The (RE)ML deviance of a linear mixed model as a function of the variance parameters
/// (θ, σ) — not profiled over σ — with β at its conditional estimate, as lmerTest's `devfun_vp`:
///
///     ML:   log|L_θ|² + r²(θ)/σ² + n log(2πσ²)
///     REML: the ML value + log|R_X|² − p log(2πσ²)
///
/// and the covariance of β at (θ, σ): σ² (R_X'R_X)⁻¹. Satterthwaite's degrees of freedom and
/// the profile intervals are built on these two functions.
///
/// The penalised residual sum of squares is recomputed from the residuals,
/// ‖y − Xβ − ZΛu‖² + ‖u‖², rather than taken from the cross-product factor: it is stationary
/// in (β, u), so it carries the factor's round-off only to second order, and the second
/// differences of the deviance over steps of 1e-6 (numDeriv's) stay accurate.
final class VarianceParameterDeviance {
    let model: ProfiledDeviance
    let method: MixedModelMethod
    let response: [Double]
    let fixed: [[Double]]

    init(_ mixed: MixedModel, method: MixedModelMethod? = nil) {
        self.model = mixed.devianceFunction(method)
        self.method = method ?? mixed.method
        response = mixed.input.response
        fixed = mixed.input.fixedColumns
    }

    /// The parts of the deviance at θ: log|L_θ|², log|R_X|², the penalised residual sum of
    /// squares; nil when the factorisation fails there.
    func parts(_ theta: [Double]) -> (ldL2: Double, ldRX2: Double, pwrss: Double)? {
        guard model.deviance(theta).isFinite else { return nil }
        var ldRX2 = 0.0
        for i in 0..<model.p { ldRX2 += 2 * Foundation.log(model.lxx[i * model.p1 + i]) }
        return (model.logDetTheta, ldRX2, residualPWRSS(theta))
    }

    /// ‖y − Xβ − Zb‖² + ‖u‖² at the last evaluation, b = Λu per level (T u = b solved forward;
    /// an effect whose T diagonal is zero has u = 0).
    func residualPWRSS(_ theta: [Double]) -> Double {
        let beta = model.beta()
        let modes = model.conditionalModes(beta: beta)
        var r = response
        for (c, column) in fixed.enumerated() {
            let b = beta[c]
            for i in r.indices { r[i] -= b * column[i] }
        }
        var penalty = 0.0
        for (t, term) in model.terms.enumerated() {
            let q = term.width
            let tm = model.tFactors[t]
            let b = modes[t]
            for (i, l) in term.levelIndex.enumerated() {
                let o = Int(l) * q
                for k in 0..<q { r[i] -= b[o + k] * term.columns[k][i] }
            }
            for l in 0..<term.levels.count {
                var u = [Double](repeating: 0, count: q)
                for k in 0..<q {
                    var s = b[l * q + k]
                    for c in 0..<k { s -= tm[c * q + k] * u[c] }
                    u[k] = tm[k * q + k] != 0 ? s / tm[k * q + k] : 0
                    penalty += u[k] * u[k]
                }
            }
        }
        return r.reduce(0) { $0 + $1 * $1 } + penalty
    }

    /// The deviance at `varpar` = θ followed by σ.
    func callAsFunction(_ varpar: [Double]) -> Double {
        let theta = Array(varpar.dropLast())
        let sigma2 = varpar[varpar.count - 1] * varpar[varpar.count - 1]
        guard let d = parts(theta) else { return .infinity }
        let twoPiS2 = Foundation.log(2 * Double.pi * sigma2)
        var dev = d.ldL2 + d.pwrss / sigma2 + Double(model.n) * twoPiS2
        if method == .reml { dev += d.ldRX2 - Double(model.p) * twoPiS2 }
        return dev
    }

    /// The deviance at `varpar` minus its value at `reference` (θ, σ), each part differenced
    /// before the sum so that the result carries the round-off of the parts, not of the total:
    /// the function to differentiate numerically.
    func change(_ varpar: [Double], from reference: [Double]) -> Double {
        let s2 = varpar[varpar.count - 1] * varpar[varpar.count - 1]
        let r2 = reference[reference.count - 1] * reference[reference.count - 1]
        guard let r = parts(Array(reference.dropLast())), let d = parts(Array(varpar.dropLast())) else { return .infinity }
        let logRatio = Foundation.log(s2 / r2)
        var dev = (d.ldL2 - r.ldL2) + (d.pwrss - r.pwrss) / s2 + r.pwrss * (1 / s2 - 1 / r2) + Double(model.n) * logRatio
        if method == .reml { dev += (d.ldRX2 - r.ldRX2) - Double(model.p) * logRatio }
        return dev
    }

    /// σ² (R_X'R_X)⁻¹ at `varpar`, flattened row-major (p·p values).
    func fixedCovariance(_ varpar: [Double]) -> [Double] {
        let theta = Array(varpar.dropLast())
        let sigma2 = varpar[varpar.count - 1] * varpar[varpar.count - 1]
        guard model.deviance(theta).isFinite else { return [Double](repeating: .nan, count: model.p * model.p) }
        return model.unscaledFixedCovariance().flatMap { $0.map { $0 * sigma2 } }
    }
}
