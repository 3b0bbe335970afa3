import Foundation

/// The pieces of the profiled deviance at one θ (Bates et al. 2015, eqs. 34 and 41):
/// log det(L_θ)² of the random-effects block, log det(R_X)² of the fixed-effects block, the
/// penalised residual sum of squares at the conditional optimum, and the dimensions n, p.
struct DevianceComponents: Equatable, Sendable {
    /// log det(L_θ)², L_θ the Cholesky factor of Λ'Z'ZΛ + I.
    let ldL2: Double
    /// log det(R_X)², R_X the Cholesky factor of the fixed-effects Schur complement.
    let ldRX2: Double
    /// Penalised residual sum of squares r²_θ = ‖y − Xβ̂ − ZΛû‖² + ‖û‖².
    let pwrss: Double
    /// Number of observations.
    let n: Int
    /// Number of fixed-effect columns.
    let p: Int

    /// Components of a θ where a factor is not positive definite: the deviance is +∞.
    static func infeasible(n: Int, p: Int) -> DevianceComponents {
        DevianceComponents(ldL2: .infinity, ldRX2: .infinity, pwrss: .infinity, n: n, p: p)
    }

    /// The profiled deviance −2ℓ (ML) or −2ℓ_R (REML).
    func deviance(_ method: MixedModelMethod) -> Double {
        guard ldL2.isFinite, ldRX2.isFinite, pwrss.isFinite else { return .infinity }
        let twoPi = 2 * Double.pi
        switch method {
        case .reml:
            let df = Double(n - p)
            return ldL2 + ldRX2 + df * (1 + Foundation.log(twoPi * pwrss / df))
        case .ml:
            let nn = Double(n)
            return ldL2 + nn * (1 + Foundation.log(twoPi * pwrss / nn))
        }
    }
}
