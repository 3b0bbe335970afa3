import CLapack
import Foundation

/// Kenward and Roger's (1997) small-sample adjustment, as pbkrtest computes it (`vcovAdj`,
/// `Lb_ddf`): the marginal covariance Σ = Σ_r γ_r G_r of y is written in the covariance
/// parameters γ (random-effect variances and covariances, then σ²); from Σ⁻¹, P_r = −X'Σ⁻¹G_rΣ⁻¹X,
/// Q_rs = X'Σ⁻¹G_rΣ⁻¹G_sΣ⁻¹X and the expected information of γ comes an adjusted covariance of β̂
/// (Φ_A = Φ + 2ΦUΦ) and, per contrast, the denominator degrees of freedom. The fit must be REML.
/// Dense n×n algebra: limited to `maxObservations` rows.
public struct KenwardRogerApproximation: Sendable {
    public static let maxObservations = 2500
    /// lme4's cov(β̂) (Φ).
    public let fixedCovariance: [[Double]]
    /// The adjusted covariance Φ_A.
    public let adjustedCovariance: [[Double]]
    let p: [[Double]]      // P_r, p×p row-major flattened
    let w: [[Double]]      // 2 × inverse information of γ

    public init(_ model: MixedModel) throws {
        let fit = model.fit
        guard fit.method == .reml else {
            throw MixedInferenceError.badArgument("Kenward–Roger needs a REML fit; refit the model by REML")
        }
        let n = fit.nobs, px = fit.fixed.count
        guard n <= Self.maxObservations else {
            throw MixedInferenceError.tooLarge(what: "Kenward–Roger's adjustment (use ddf = \"satterthwaite\" for this many rows)",
                                               size: n, limit: Self.maxObservations)
        }
        let g = Self.covarianceStructure(model)
        let k = g.count
        // Σ and its inverse.
        let gamma = Self.covarianceParameters(model)
        var sigma = [Double](repeating: 0, count: n * n)
        for r in 0..<k { for i in 0..<(n * n) { sigma[i] += gamma[r] * g[r][i] } }
        guard LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), &sigma, Int32(n)) == 0,
              LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), &sigma, Int32(n)) == 0 else {
            throw MixedInferenceError.numerical("the marginal covariance of the response is not positive definite")
        }
        for c in 0..<n { for r in 0..<c { sigma[c * n + r] = sigma[r * n + c] } }
        let sigmaInv = sigma
        // X (n×p column-major), M = Σ⁻¹X.
        let x = model.input.fixedColumns.flatMap { $0 }
        let m = Self.multiply(sigmaInv, n, n, x, px)
        // H_r = G_r Σ⁻¹ (n×n), O_r = G_r M (n×p).
        var h: [[Double]] = [], o: [[Double]] = []
        for r in 0..<k {
            h.append(Self.multiply(g[r], n, n, sigmaInv, n))
            o.append(Self.multiply(g[r], n, n, m, px))
        }
        let phi = fit.fixedCovarianceGLS.flatMap { $0 }   // symmetric: row- and column-major agree
        // P_r = −O_r'M; Q_rs = O_r'Σ⁻¹O_s.
        let pMats = o.map { Self.transposeMultiply($0, m, n, px, px).map { -$0 } }
        let sigmaO = o.map { Self.multiply(sigmaInv, n, n, $0, px) }
        var q = [[[Double]]](repeating: [[Double]](repeating: [], count: k), count: k)
        for r in 0..<k { for s in r..<k {
            q[r][s] = Self.transposeMultiply(o[r], sigmaO[s], n, px, px)
            q[s][r] = Self.transpose(q[r][s], px)
        } }
        // Expected information IE2.
        var info = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for r in 0..<k {
            let phiP = Self.multiply(phi, px, px, pMats[r], px)
            for s in r..<k {
                var trace = 0.0
                for i in 0..<n { for j in 0..<n { trace += h[r][j * n + i] * h[s][i * n + j] } }
                let pPhi = Self.multiply(pMats[s], px, px, phi, px)
                var a = 0.0, b = 0.0
                for i in 0..<(px * px) { a += phi[i] * q[r][s][i]; b += phiP[i] * pPhi[i] }
                info[r][s] = trace - 2 * a + b
                info[s][r] = info[r][s]
            }
        }
        guard let infoInverse = DenseKernels.inverse(info) else {
            throw MixedInferenceError.numerical("the information matrix of the covariance parameters is singular; Kenward–Roger is not available (is the fit singular?)")
        }
        let wMat = infoInverse.map { $0.map { 2 * $0 } }
        var u = [Double](repeating: 0, count: px * px)
        for r in 0..<k { for s in r..<k {
            let ppp = Self.multiply(Self.multiply(pMats[r], px, px, phi, px), px, px, pMats[s], px)
            let weight = r == s ? wMat[r][r] : wMat[r][s]
            var term = [Double](repeating: 0, count: px * px)
            for i in 0..<(px * px) { term[i] = weight * (q[r][s][i] - ppp[i]) }
            if r == s {
                for i in 0..<(px * px) { u[i] += term[i] }
            } else {
                let t = Self.transpose(term, px)
                for i in 0..<(px * px) { u[i] += term[i] + t[i] }
            }
        } }
        let gg = Self.multiply(Self.multiply(phi, px, px, u, px), px, px, phi, px)
        fixedCovariance = fit.fixedCovarianceGLS
        adjustedCovariance = (0..<px).map { i in (0..<px).map { j in phi[j * px + i] + 2 * gg[j * px + i] } }
        p = pMats
        w = wMat
    }

    /// pbkrtest's `Lb_ddf` for one contrast L (q = 1).
    public func degreesOfFreedom(contrast l: [Double]) -> Double {
        let px = l.count
        let v0 = fixedCovariance.flatMap { $0 }
        var lv0l = 0.0
        for i in 0..<px { for j in 0..<px { lv0l += l[i] * v0[i * px + j] * l[j] } }
        // Θ = L'L / (L V0 L'), ΘV0.
        var thetaV0 = [Double](repeating: 0, count: px * px)
        for i in 0..<px { for j in 0..<px {
            var s = 0.0
            for k in 0..<px { s += l[i] * l[k] / lv0l * v0[k * px + j] }
            thetaV0[i * px + j] = s
        } }
        let uMats = p.map { pr -> [Double] in rowMajorProduct(rowMajorProduct(thetaV0, pr, px), v0, px) }
        var a1 = 0.0, a2 = 0.0
        let k = p.count
        for i in 0..<k { for j in i..<k {
            let e = i == j ? 1.0 : 2.0
            let ui = uMats[i], uj = uMats[j]
            var tri = 0.0, trj = 0.0, cross = 0.0
            for a in 0..<px { tri += ui[a * px + a]; trj += uj[a * px + a] }
            for a in 0..<px { for b in 0..<px { cross += ui[a * px + b] * uj[b * px + a] } }
            a1 += e * w[i][j] * tri * trj
            a2 += e * w[i][j] * cross
        } }
        let q = 1.0
        let b = (a1 + 6 * a2) / (2 * q)
        let g = ((q + 1) * a1 - (q + 4) * a2) / ((q + 2) * a2)
        let denom = 3 * q + 2 * (1 - g)
        let c1 = g / denom, c2 = (q - g) / denom, c3 = (q + 2 - g) / denom
        var v0c = 1 + c1 * b
        if abs(v0c) < 1e-10 { v0c = 0 }
        let v1 = 1 - c2 * b, v2 = 1 - c3 * b
        let ratio = v1 == 0 ? 0 : (1 - a2 / q) / v1
        let rho = 1 / q * ratio * ratio * v0c / v2
        return 4 + (q + 2) / (q * rho - 1)
    }

    /// A B for row-major k×k arrays: the column-major product of the same arrays in the other
    /// order (a row-major array is its matrix's transpose read column-major).
    private func rowMajorProduct(_ a: [Double], _ b: [Double], _ k: Int) -> [Double] {
        MixedModel.product(b, a, k)
    }

    // MARK: The covariance structure

    /// γ: for each term in θ order, its covariance matrix's lower triangle column by column
    /// (the diagonal only for an uncorrelated term), then σ².
    static func covarianceParameters(_ model: MixedModel) -> [Double] {
        var out: [Double] = []
        for i in model.thetaOrder {
            let re = model.fit.randomEffects[i]
            let q = re.names.count
            for c in 0..<q { for r in c..<q where re.correlated || r == c { out.append(re.covariance[r][c]) } }
        }
        return out + [model.fit.residualVariance]
    }

    /// G_r (n×n column-major) in the order of `covarianceParameters`: for a variance of effect a,
    /// z_a z_a' within levels; for a covariance of a and b, z_a z_b' + z_b z_a' within levels;
    /// the identity for σ².
    static func covarianceStructure(_ model: MixedModel) -> [[Double]] {
        let n = model.fit.nobs
        var out: [[Double]] = []
        for term in model.sortedTerms {
            let q = term.width
            var rowsByLevel = [[Int]](repeating: [], count: term.levels.count)
            for (i, l) in term.levelIndex.enumerated() { rowsByLevel[Int(l)].append(i) }
            for c in 0..<q { for r in c..<q where term.correlated || r == c {
                var g = [Double](repeating: 0, count: n * n)
                let za = term.columns[r], zb = term.columns[c]
                for rows in rowsByLevel { for i in rows { for j in rows {
                    g[j * n + i] = r == c ? za[i] * za[j] : za[i] * zb[j] + zb[i] * za[j]
                } } }
                out.append(g)
            } }
        }
        var identity = [Double](repeating: 0, count: n * n)
        for i in 0..<n { identity[i * n + i] = 1 }
        out.append(identity)
        return out
    }

    // MARK: Dense products (column-major)

    /// A (r×k) B (k×c).
    static func multiply(_ a: [Double], _ r: Int, _ k: Int, _ b: [Double], _ c: Int) -> [Double] {
        var out = [Double](repeating: 0, count: r * c)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(r), Int32(c), Int32(k), 1, a, Int32(r),
                    b, Int32(k), 0, &out, Int32(r))
        return out
    }

    /// A' B for A (n×a), B (n×b): a×b.
    static func transposeMultiply(_ a: [Double], _ b: [Double], _ n: Int, _ ca: Int, _ cb: Int) -> [Double] {
        var out = [Double](repeating: 0, count: ca * cb)
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(ca), Int32(cb), Int32(n), 1, a, Int32(n),
                    b, Int32(n), 0, &out, Int32(ca))
        return out
    }

    static func transpose(_ a: [Double], _ k: Int) -> [Double] {
        var out = a
        for i in 0..<k { for j in 0..<k { out[j * k + i] = a[i * k + j] } }
        return out
    }
}
