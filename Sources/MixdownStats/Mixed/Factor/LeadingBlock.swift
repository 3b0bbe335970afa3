import Dispatch
import Foundation

/// The leading term's (A's) blocks of L: block diagonal, one factor L_j = chol(T' Z_j'Z_j T + I)
/// per level j (qA×qA, column-major, one after another), with L_XA = [X y]'Z_A T L^{-T} and its
/// downdate of [X y]'[X y]. With one grouping factor this is the whole evaluation, linear in the
/// number of levels; one or two effects per level have written-out loops, split over two
/// threads for many levels.
enum LeadingBlock {
    /// L_A (block diagonal: chol(T_A' Z_j'Z_j T_A + I) per level j), L_XA = [X y]'Z_A T_A L_A^{-T},
    /// and L_XX = [X y]'[X y] − L_XA L_XA'. Returns log det(L_A)², nil if a block fails.
    static func factor(t tA: [Double], q qA: Int, levels mA: Int, p1 P1: Int, gram aa: [Double], xyCross xa: [Double],
                       factor lA: inout [Double], xyFactor lxa: inout [Double], lxx: inout [Double]) -> Double? {
        var logdet = 0.0
        var work = [Double](repeating: 0, count: max(P1, qA) * max(qA, 1) * 4 + 16)
        var ok = true
        var diagProduct = 1.0
        tA.withUnsafeBufferPointer { T in
            aa.withUnsafeBufferPointer { AA in
                xa.withUnsafeBufferPointer { XA in
                    lA.withUnsafeMutableBufferPointer { LA in
                        lxa.withUnsafeMutableBufferPointer { LXA in
                            lxx.withUnsafeMutableBufferPointer { LXX in
                                work.withUnsafeMutableBufferPointer { W in
                                    let w = W.baseAddress!
                                    if qA <= 2 {
                                        if mA < 4000 {
                                            ok = Self.smallBlocks(0..<mA, q: qA, p1: P1, t: T.baseAddress!, aa: AA.baseAddress!,
                                                                  xa: XA.baseAddress!, la: LA.baseAddress!, lxa: LXA.baseAddress!,
                                                                  lxx: LXX.baseAddress!, diagProduct: &diagProduct, logdet: &logdet)
                                            return
                                        }
                                        // Many groups: two threads, each with its own X'X accumulator.
                                        var acc = [Double](repeating: 0, count: P1 * P1)
                                        var parts = [(ok: Bool, diag: Double, logdet: Double)](repeating: (true, 1, 0), count: 2)
                                        let half = mA / 2
                                        acc.withUnsafeMutableBufferPointer { ACC in
                                            parts.withUnsafeMutableBufferPointer { PARTS in
                                                let targets = [LXX.baseAddress!, ACC.baseAddress!]
                                                DispatchQueue.concurrentPerform(iterations: 2) { t in
                                                    var dp = 1.0, ld = 0.0
                                                    let okT = Self.smallBlocks(t == 0 ? 0..<half : half..<mA, q: qA, p1: P1,
                                                                               t: T.baseAddress!, aa: AA.baseAddress!,
                                                                               xa: XA.baseAddress!, la: LA.baseAddress!,
                                                                               lxa: LXA.baseAddress!, lxx: targets[t],
                                                                               diagProduct: &dp, logdet: &ld)
                                                    PARTS[t] = (okT, dp, ld)
                                                }
                                            }
                                        }
                                        for i in 0..<(P1 * P1) { LXX[i] += acc[i] }
                                        ok = parts[0].ok && parts[1].ok
                                        logdet += parts[0].logdet + parts[1].logdet
                                        diagProduct = parts[0].diag * parts[1].diag
                                        return
                                    }
                                    for j in 0..<mA {
                                        let a = AA.baseAddress! + j * qA * qA
                                        let l = LA.baseAddress! + j * qA * qA
                                        // w = A_j T
                                        DenseKernels.timesFactor(a, rows: qA, T.baseAddress!, qA, into: w)
                                        // l = T' w + I (lower triangle)
                                        for c in 0..<qA {
                                            for r in c..<qA {
                                                var s = 0.0
                                                for m in r..<qA { s += T[r * qA + m] * w[c * qA + m] }
                                                l[c * qA + r] = s + (r == c ? 1 : 0)
                                            }
                                        }
                                        if !DenseKernels.cholesky(l, qA) { ok = false; return }
                                        // Accumulate the product of the diagonals; one log per ~1e100 of range.
                                        for i in 0..<qA { diagProduct *= l[i * qA + i] }
                                        if diagProduct > 1e100 || diagProduct < 1e-100 {
                                            logdet += 2 * Foundation.log(diagProduct); diagProduct = 1
                                        }
                                        // LXA_j = (XA_j T) L^{-T}
                                        let xaj = XA.baseAddress! + j * qA * P1
                                        let lxaj = LXA.baseAddress! + j * qA * P1
                                        DenseKernels.timesFactor(xaj, rows: P1, T.baseAddress!, qA, into: lxaj)
                                        for r in 0..<P1 {
                                            DenseKernels.forwardSolve(UnsafePointer(l), qA, lxaj + r, stride: P1)
                                        }
                                        // XX -= LXA_j LXA_j'
                                        for d in 0..<P1 {
                                            for c in d..<P1 {
                                                var s = 0.0
                                                for k in 0..<qA { s += lxaj[k * P1 + c] * lxaj[k * P1 + d] }
                                                LXX[d * P1 + c] -= s
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if !ok { return nil }
        return logdet + 2 * Foundation.log(diagProduct)
    }

    /// The per-level loop of `factor` written out for one or two random effects per level
    /// (random intercepts; intercept and slope), the common cases that dominate large fits.
    @inline(__always)
    private static func smallBlocks(_ range: Range<Int>, q: Int, p1 P1: Int, t T: UnsafePointer<Double>, aa: UnsafePointer<Double>,
                                    xa: UnsafePointer<Double>, la: UnsafeMutablePointer<Double>,
                                    lxa: UnsafeMutablePointer<Double>, lxx: UnsafeMutablePointer<Double>,
                                    diagProduct: inout Double, logdet: inout Double) -> Bool {
        if q == 1 {
            let t = T[0]
            for j in range {
                let l = (t * t * aa[j] + 1).squareRoot()
                la[j] = l
                diagProduct *= l
                if diagProduct > 1e100 { logdet += 2 * Foundation.log(diagProduct); diagProduct = 1 }
                let f = t / l
                let x = xa + j * P1
                let y = lxa + j * P1
                for r in 0..<P1 { y[r] = x[r] * f }
                for d in 0..<P1 {
                    let yd = y[d]
                    for c in d..<P1 { lxx[d * P1 + c] -= y[c] * yd }
                }
            }
            return true
        }
        let t00 = T[0], t10 = T[1], t11 = T[3]
        for j in range {
            let a = aa + 4 * j
            let a00 = a[0], a10 = a[1], a11 = a[3]
            let w00 = a00 * t00 + a10 * t10, w10 = a10 * t00 + a11 * t10
            let w11 = a11 * t11
            let s00 = t00 * w00 + t10 * w10 + 1
            let s10 = t11 * w10
            let s11 = t11 * w11 + 1
            guard s00 > 0 else { return false }
            let l00 = s00.squareRoot()
            let l10 = s10 / l00
            let d11 = s11 - l10 * l10
            guard d11 > 0 else { return false }
            let l11 = d11.squareRoot()
            let l = la + 4 * j
            l[0] = l00; l[1] = l10; l[2] = 0; l[3] = l11
            diagProduct *= l00 * l11
            if diagProduct > 1e100 { logdet += 2 * Foundation.log(diagProduct); diagProduct = 1 }
            let x = xa + j * 2 * P1
            let y = lxa + j * 2 * P1
            let inv00 = 1 / l00, inv11 = 1 / l11
            for r in 0..<P1 {
                let v0 = x[r] * t00 + x[P1 + r] * t10
                let v1 = x[P1 + r] * t11
                let u0 = v0 * inv00
                y[r] = u0
                y[P1 + r] = (v1 - l10 * u0) * inv11
            }
            for d in 0..<P1 {
                let y0 = y[d], y1 = y[P1 + d]
                for c in d..<P1 { lxx[d * P1 + c] -= y[c] * y0 + y[P1 + c] * y1 }
            }
        }
        return true
    }
}
