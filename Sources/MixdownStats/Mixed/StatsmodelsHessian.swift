import Dispatch
import Foundation

/// The Hessian that statsmodels' MixedLM inverts for its standard errors: second derivatives of
/// the log-likelihood, with the residual variance profiled out, with respect to the fixed
/// effects β and the lower triangle of Ψ = cov_re / scale ("profile parametrisation",
/// cov(y) ∝ I + ZΨZ'); for REML it includes −½ log|X'V⁻¹X|. Derivatives are exact (hyper-dual
/// numbers), computed from the per-group sufficient statistics, for one grouping factor.
struct StatsmodelsHessian {
    /// Parameter names in statsmodels' order: fixed effects, then Ψ's lower triangle row by row.
    let size: Int
    let hessian: [[Double]]

    /// - Parameters:
    ///   - ztz: per-level Z_j'Z_j blocks (q×q column-major).
    ///   - xyz: per-level [X y]'Z_j blocks ((p+1)×q column-major).
    ///   - xyxy: [X y]'[X y] ((p+1)×(p+1) column-major).
    init(beta: [Double], psi: [[Double]], levels: Int, q: Int, p: Int, ztz: [Double], xyz: [Double],
         xyxy: [Double], n: Int, method: MixedModelMethod) {
        let P1 = p + 1
        var tril: [(Int, Int)] = []
        for i in 0..<q { for j in 0...i { tril.append((i, j)) } }
        let k = p + tril.count
        size = k
        let fac = Double(method == .reml ? n - p : n)
        var pairs: [(Int, Int)] = []
        for a in 0..<k { for b in a..<k { pairs.append((a, b)) } }
        var values = [Double](repeating: 0, count: pairs.count)
        // The pairs are independent: split them over two threads (the machine has 2 cores).
        let workers = min(2, pairs.count)
        values.withUnsafeMutableBufferPointer { out in
            let outBase = out.baseAddress!
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var m = [HyperDual](repeating: .zero, count: q * q)
                var w = [HyperDual](repeating: .zero, count: q)
                var sw = [HyperDual](repeating: .zero, count: q)
                var solved = [HyperDual](repeating: .zero, count: p * q)
                var lu = HyperDualLU(k: q)
                for pairIndex in stride(from: worker, to: pairs.count, by: workers) {
                let (a, b) = pairs[pairIndex]
                var bh = beta.map { HyperDual($0) }
                var ps = psi.map { $0.map { HyperDual($0) } }
                func seed(_ idx: Int, first: Bool) {
                    if idx < p {
                        if first { bh[idx].b = 1 } else { bh[idx].c = 1 }
                    } else {
                        let (i, j) = tril[idx - p]
                        if first { ps[i][j].b = 1; if i != j { ps[j][i].b = 1 } } else {
                            ps[i][j].c = 1; if i != j { ps[j][i].c = 1 }
                        }
                    }
                }
                seed(a, first: true)
                seed(b, first: false)
                // r'r = y'y − 2β'X'y + β'X'Xβ
                var rr = HyperDual(xyxy[p * P1 + p])
                for c in 0..<p {
                    rr -= 2 * (bh[c] * HyperDual(xyxy[c * P1 + p]))
                    for d in 0..<p { rr += bh[c] * bh[d] * HyperDual(xyxy[d * P1 + c]) }
                }
                var q2 = rr
                var logdetV = HyperDual.zero
                var xvx = [HyperDual](repeating: .zero, count: p * p)
                for c in 0..<p { for d in 0..<p { xvx[c * p + d] = HyperDual(xyxy[d * P1 + c]) } }
                for j in 0..<levels {
                    let g = j * q * q
                    let xb = j * q * P1
                    // M = I + Ψ G (row-major)
                    for r in 0..<q {
                        for c in 0..<q {
                            var s = HyperDual(r == c ? 1 : 0)
                            for t in 0..<q { s += ps[r][t] * HyperDual(ztz[g + c * q + t]) }
                            m[r * q + c] = s
                        }
                    }
                    lu.factor(m)
                    logdetV += lu.logAbsDet
                    // w = Z'r = Z'y − Z'X β; then s = M⁻¹ Ψ w.
                    for t in 0..<q {
                        var s = HyperDual(xyz[xb + t * P1 + p])
                        for c in 0..<p { s -= bh[c] * HyperDual(xyz[xb + t * P1 + c]) }
                        w[t] = s
                    }
                    for r in 0..<q {
                        var s = HyperDual.zero
                        for t in 0..<q { s += ps[r][t] * w[t] }
                        sw[r] = s
                    }
                    lu.solve(&sw)
                    for t in 0..<q { q2 -= w[t] * sw[t] }
                    // −½ log|X'V⁻¹X| does not depend on β: its mixed derivatives with β vanish.
                    if method == .reml && a >= p && b >= p {
                        for d in 0..<p {
                            for r in 0..<q {
                                var s = HyperDual.zero
                                for t in 0..<q { s += ps[r][t] * HyperDual(xyz[xb + t * P1 + d]) }
                                solved[d * q + r] = s
                            }
                            lu.solve(&solved, offset: d * q)
                        }
                        for c in 0..<p {
                            for d in 0..<p {
                                var s = HyperDual.zero
                                for t in 0..<q { s += HyperDual(xyz[xb + t * P1 + c]) * solved[d * q + t] }
                                xvx[c * p + d] -= s
                            }
                        }
                    }
                }
                var ll = -0.5 * fac * q2.log.d - 0.5 * logdetV.d
                if method == .reml && p > 0 && a >= p && b >= p {
                    ll -= 0.5 * HyperDualLU(xvx, k: p).logAbsDet.d
                }
                outBase[pairIndex] = ll
                }
            }
        }
        var h = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for (i, (a, b)) in pairs.enumerated() { h[a][b] = values[i]; h[b][a] = values[i] }
        hessian = h
    }
}
