import CLapack
import Foundation

/// Satterthwaite's denominator degrees of freedom for t tests of the fixed effects, as lmerTest
/// computes them: the asymptotic covariance of the variance parameters (θ, σ) is twice the
/// inverse Hessian of the deviance in (θ, σ) (a pseudo-inverse over its positive eigenvalues),
/// and for a contrast L the variance of L'β̂, v = L'V(θ, σ)L, has
/// df = 2 v² / (∇v' A ∇v), the gradient taken through the Jacobian of V = cov(β̂).
public struct SatterthwaiteApproximation: Sendable {
    /// θ followed by σ at the fit.
    public let varianceParameters: [Double]
    /// Asymptotic covariance of the variance parameters.
    public let varianceParameterCovariance: [[Double]]
    /// lme4's cov(β̂) at the fit.
    public let fixedCovariance: [[Double]]
    /// dV/d(varpar_k), one p×p matrix (row-major, flattened) per variance parameter.
    let jacobian: [[Double]]
    /// Eigenvalues of the Hessian that were not positive (lmerTest warns about them).
    public let nonPositiveEigenvalues: Int

    /// Computes the approximation for a fit of `model`.
    /// Differentiates with numDeriv's scheme but a relative step of 1e-2 instead of 1e-4: the
    /// extrapolation removes the truncation error either way, and the larger step keeps the
    /// round-off of the deviance (about 1e-13) out of the second differences. lmerTest's own
    /// values carry that round-off at its smaller step; they agree with these to about 1e-6.
    public init(_ model: MixedModel) throws {
        try self.init(model, derivatives: Self.derivatives)
    }

    static var derivatives: RichardsonDerivatives {
        var numeric = RichardsonDerivatives()
        numeric.relativeStep = 1e-2
        numeric.absoluteStep = 1e-2
        return numeric
    }

    /// At given variance parameters (θ, σ) (tests use lme4's), or at the fit's.
    init(_ model: MixedModel, derivatives numeric: RichardsonDerivatives, at point: [Double]? = nil) throws {
        let fit = model.fit
        let varpar = point ?? fit.theta + [fit.residualVariance.squareRoot()]
        let deviance = VarianceParameterDeviance(model)
        let hessian = numeric.hessian({ deviance.change($0, from: varpar) }, at: varpar)
        guard hessian.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw MixedModelError.numerical("the Hessian of the deviance in (θ, σ) is not finite; Satterthwaite's degrees of freedom are not available")
        }
        let (inverse, dropped) = try SymmetricEigen.positivePseudoInverse(hessian)
        varianceParameters = varpar
        varianceParameterCovariance = inverse.map { $0.map { 2 * $0 } }
        nonPositiveEigenvalues = dropped
        fixedCovariance = point == nil ? fit.fixedCovarianceGLS : Self.square(deviance.fixedCovariance(varpar))
        jacobian = numeric.jacobian({ deviance.fixedCovariance($0) }, at: varpar)
    }

    /// Degrees of freedom of the t test of L'β.
    public func degreesOfFreedom(contrast l: [Double]) -> Double {
        let p = l.count
        let v = quadraticForm(l, fixedCovariance.flatMap { $0 }, p)
        let g = jacobian.map { quadraticForm(l, $0, p) }
        let denominator = quadraticForm(g, varianceParameterCovariance.flatMap { $0 }, g.count)
        return 2 * v * v / denominator
    }

    static func square(_ flat: [Double]) -> [[Double]] {
        let k = Int(Double(flat.count).squareRoot().rounded())
        return (0..<k).map { i in Array(flat[(i * k)..<(i * k + k)]) }
    }

    func quadraticForm(_ x: [Double], _ m: [Double], _ k: Int) -> Double {
        var s = 0.0
        for i in 0..<k { for j in 0..<k { s += x[i] * m[i * k + j] * x[j] } }
        return s
    }
}

/// Eigen-decomposition helpers for small symmetric matrices (LAPACK `dsyev`).
enum SymmetricEigen {
    /// Eigenvalues (ascending) and eigenvectors (columns, row-major [[Double]]).
    static func decompose(_ m: [[Double]]) throws -> (values: [Double], vectors: [[Double]]) {
        let k = m.count
        var a = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { a[j * k + i] = m[i][j] } }
        var w = [Double](repeating: 0, count: k)
        let info = LAPACKE_dsyev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")),
                                 Int32(k), &a, Int32(k), &w)
        guard info == 0 else { throw MixedModelError.numerical("eigen-decomposition failed (LAPACK dsyev info \(info))") }
        return (w, (0..<k).map { i in (0..<k).map { j in a[j * k + i] } })
    }

    /// The inverse over the eigenvalues above `tolerance` (lmerTest's 1e-8), and how many were
    /// dropped.
    static func positivePseudoInverse(_ m: [[Double]], tolerance: Double = 1e-8) throws -> ([[Double]], Int) {
        let (values, vectors) = try decompose(m)
        let k = m.count
        var out = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var dropped = 0
        for e in 0..<k {
            guard values[e] > tolerance else { dropped += 1; continue }
            for i in 0..<k { for j in 0..<k { out[i][j] += vectors[i][e] * vectors[j][e] / values[e] } }
        }
        return (out, dropped)
    }
}
