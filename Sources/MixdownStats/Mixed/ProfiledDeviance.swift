import CLapack
import Dispatch
import Foundation

/// The profiled (RE)ML deviance of a linear mixed model as a function of the relative covariance
/// parameters θ (Bates, Mächler, Bolker & Walker, "Fitting Linear Mixed-Effects Models Using
/// lme4", J. Stat. Softw. 2015, section 3).
///
/// The cross-products of [Z X y] are accumulated once (one pass over the rows). Each evaluation
/// then factors Λ'Z'ZΛ + I blockwise: the term with most levels ("A") is block diagonal, one
/// q×q block per level; the other terms ("B", crossed or nested factors) form one dense block.
/// With a single grouping factor the cost of an evaluation is linear in the number of groups
/// and independent of the number of rows.
final class ProfiledDeviance {
    let n: Int
    let p: Int
    let method: MixedModelMethod
    /// Terms in factorisation order: terms[0] is the block-diagonal term A.
    let terms: [RandomEffectTerm]
    let layouts: [ThetaLayout]
    let thetaOffsets: [Int]
    let thetaCount: Int

    // Term A.
    let qA: Int
    let mA: Int
    private var aa: [Double]          // mA blocks of qA×qA
    private var xa: [Double]          // P1 × (mA·qA), column-major
    // Terms B.
    let qB: Int
    let bOffsets: [Int]               // first column of each B term within the B block
    private var ba: [Double]          // qB × (mA·qA)
    private var bb: [Double]          // qB × qB
    private var xb: [Double]          // P1 × qB
    private var xx: [Double]          // P1 × P1

    // Factor state of the last evaluation.
    private(set) var lA: [Double]
    private(set) var lxa: [Double]
    private(set) var lba: [Double]
    private(set) var lbb: [Double]
    private(set) var lxb: [Double]
    private(set) var lxx: [Double]
    private(set) var tFactors: [[Double]]
    private(set) var logDetTheta = 0.0
    private(set) var logDetX = 0.0
    /// Number of deviance evaluations so far.
    private(set) var evaluations = 0
    private var work: [Double]
    private var balam: [Double]

    var p1: Int { p + 1 }

    /// Accumulates the cross-products. `terms` must already be validated and sorted (A first).
    init(response: [Double], fixed: [[Double]], terms: [RandomEffectTerm], method: MixedModelMethod) {
        n = response.count
        p = fixed.count
        self.method = method
        self.terms = terms
        layouts = terms.map { ThetaLayout(q: $0.width, correlated: $0.correlated) }
        var offs: [Int] = []
        var tc = 0
        for l in layouts { offs.append(tc); tc += l.positions.count }
        thetaOffsets = offs
        thetaCount = tc
        let termA = terms[0]
        qA = termA.width
        mA = termA.levels.count
        var bo: [Int] = []
        var qb = 0
        for t in terms.dropFirst() { bo.append(qb); qb += t.width * t.levels.count }
        qB = qb
        bOffsets = bo
        let P1 = p + 1
        let nA = mA * qA
        aa = [Double](repeating: 0, count: mA * qA * qA)
        xa = [Double](repeating: 0, count: P1 * nA)
        ba = [Double](repeating: 0, count: qB * nA)
        bb = [Double](repeating: 0, count: qB * qB)
        xb = [Double](repeating: 0, count: P1 * qB)
        xx = [Double](repeating: 0, count: P1 * P1)
        lA = aa
        lxa = xa
        lba = ba
        lbb = bb
        lxb = xb
        lxx = xx
        balam = ba
        tFactors = layouts.map { [Double](repeating: 0, count: $0.q * $0.q) }
        work = [Double](repeating: 0, count: max(qB, P1, qA) * max(qA, 1) * 4 + 16)
        accumulate(response: response, fixed: fixed)
    }

    /// One pass over the rows accumulating the cross-products (split over two threads for a
    /// single grouping factor and many rows), then the symmetric halves filled in.
    private func accumulate(response: [Double], fixed: [[Double]]) {
        let P1 = p1
        let termA = terms[0]
        let n = self.n, qA = self.qA, p = self.p
        if terms.count == 1 && n >= 100_000 {
            let half = n / 2
            var aa2 = [Double](repeating: 0, count: aa.count)
            var xa2 = [Double](repeating: 0, count: xa.count)
            var xx2 = [Double](repeating: 0, count: xx.count)
            aa.withUnsafeMutableBufferPointer { A1 in
                xa.withUnsafeMutableBufferPointer { X1 in
                    xx.withUnsafeMutableBufferPointer { XX1 in
                        aa2.withUnsafeMutableBufferPointer { A2 in
                            xa2.withUnsafeMutableBufferPointer { X2 in
                                xx2.withUnsafeMutableBufferPointer { XX2 in
                                    let targets = [(A1.baseAddress!, X1.baseAddress!, XX1.baseAddress!),
                                                   (A2.baseAddress!, X2.baseAddress!, XX2.baseAddress!)]
                                    DispatchQueue.concurrentPerform(iterations: 2) { t in
                                        Self.accumulateRows(t == 0 ? 0..<half : half..<n, term: termA, qA: qA, p: p,
                                                            response: response, fixed: fixed,
                                                            aa: targets[t].0, xa: targets[t].1, xx: targets[t].2)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for i in aa.indices { aa[i] += aa2[i] }
            for i in xa.indices { xa[i] += xa2[i] }
            for i in xx.indices { xx[i] += xx2[i] }
        } else {
            aa.withUnsafeMutableBufferPointer { A in
                xa.withUnsafeMutableBufferPointer { X in
                    xx.withUnsafeMutableBufferPointer { XX in
                        Self.accumulateRows(0..<n, term: termA, qA: qA, p: p, response: response, fixed: fixed,
                                            aa: A.baseAddress!, xa: X.baseAddress!, xx: XX.baseAddress!)
                    }
                }
            }
        }
        if terms.count > 1 { accumulateB(response: response, fixed: fixed) }
        // Symmetrise the lower-triangle accumulations.
        for j in 0..<mA {
            let ab = j * qA * qA
            for k in 0..<qA { for m in (k + 1)..<max(qA, k + 1) { aa[ab + m * qA + k] = aa[ab + k * qA + m] } }
        }
        for d in 0..<P1 { for c in (d + 1)..<max(P1, d + 1) { xx[c * P1 + d] = xx[d * P1 + c] } }
        for s in 0..<qB { for t in (s + 1)..<max(qB, s + 1) { bb[t * qB + s] = bb[s * qB + t] } }
    }

    /// Accumulates Z_A'Z_A per level, [X y]'Z_A per level and [X y]'[X y] (lower triangles)
    /// over `rows`, in chunks copied to a row-major scratch buffer.
    private static func accumulateRows(_ rows: Range<Int>, term termA: RandomEffectTerm, qA: Int, p: Int,
                                       response: [Double], fixed: [[Double]],
                                       aa AA: UnsafeMutablePointer<Double>, xa XA: UnsafeMutablePointer<Double>,
                                       xx XX: UnsafeMutablePointer<Double>) {
        let P1 = p + 1
        let chunk = 4096
        var xs = [Double](repeating: 0, count: chunk * P1)
        var zs = [Double](repeating: 0, count: chunk * qA)
        var start = rows.lowerBound
        while start < rows.upperBound {
            let len = min(chunk, rows.upperBound - start)
            for c in 0..<p {
                fixed[c].withUnsafeBufferPointer { col in
                    for r in 0..<len { xs[r * P1 + c] = col[start + r] }
                }
            }
            response.withUnsafeBufferPointer { col in
                for r in 0..<len { xs[r * P1 + p] = col[start + r] }
            }
            for k in 0..<qA {
                termA.columns[k].withUnsafeBufferPointer { col in
                    for r in 0..<len { zs[r * qA + k] = col[start + r] }
                }
            }
            termA.levelIndex.withUnsafeBufferPointer { idxA in
                xs.withUnsafeBufferPointer { X in
                    zs.withUnsafeBufferPointer { Z in
                        for r in 0..<len {
                            let j = Int(idxA[start + r])
                            let x = X.baseAddress! + r * P1
                            let z = Z.baseAddress! + r * qA
                            let ab = j * qA * qA
                            for k in 0..<qA {
                                let zk = z[k]
                                for m in k..<qA { AA[ab + k * qA + m] += zk * z[m] }
                            }
                            let xbase = j * qA * P1
                            for k in 0..<qA {
                                let zk = z[k]
                                let o = xbase + k * P1
                                for c in 0..<P1 { XA[o + c] += x[c] * zk }
                            }
                            for d in 0..<P1 {
                                let xd = x[d]
                                for c in d..<P1 { XX[d * P1 + c] += x[c] * xd }
                            }
                        }
                    }
                }
            }
            start += len
        }
    }

    /// Accumulates the cross-products that involve the other terms (B): Z_B'Z_B, Z_B'Z_A and
    /// [X y]'Z_B (crossed and nested designs).
    private func accumulateB(response: [Double], fixed: [[Double]]) {
        let P1 = p1
        let termA = terms[0]
        let bTerms = Array(terms.dropFirst())
        let bWidth = bTerms.reduce(0) { $0 + $1.width }
        var cols = [Int](repeating: 0, count: bWidth)
        var vals = [Double](repeating: 0, count: bWidth)
        var x = [Double](repeating: 0, count: P1)
        var z = [Double](repeating: 0, count: qA)
        for i in 0..<n {
            var s = 0
            for (t, term) in bTerms.enumerated() {
                for k in 0..<term.width {
                    cols[s] = bOffsets[t] + Int(term.levelIndex[i]) * term.width + k
                    vals[s] = term.columns[k][i]
                    s += 1
                }
            }
            for c in 0..<p { x[c] = fixed[c][i] }
            x[p] = response[i]
            for k in 0..<qA { z[k] = termA.columns[k][i] }
            let j = Int(termA.levelIndex[i])
            for s in 0..<bWidth {
                let cs = cols[s], vs = vals[s]
                if vs == 0 { continue }
                for t in 0..<bWidth where cols[t] >= cs { bb[cs * qB + cols[t]] += vs * vals[t] }
                for k in 0..<qA { ba[(j * qA + k) * qB + cs] += vs * z[k] }
                for c in 0..<P1 { xb[cs * P1 + c] += vs * x[c] }
            }
        }
    }

    /// The upper-left p×p block of X'X, for the rank check of the fixed-effect design.
    var fixedCrossProduct: [Double] {
        var out = [Double](repeating: 0, count: p * p)
        for c in 0..<p { for r in 0..<p { out[c * p + r] = xx[c * p1 + r] } }
        return out
    }

    /// Evaluates the profiled deviance (−2 × the (RE)ML log-likelihood) at θ; +∞ if a factor fails.
    func deviance(_ theta: [Double]) -> Double {
        evaluations += 1
        for (t, layout) in layouts.enumerated() {
            let o = thetaOffsets[t]
            layout.fill(theta[o..<(o + layout.positions.count)], into: &tFactors[t])
        }
        let P1 = p1
        let qA = self.qA, qB = self.qB, nA = mA * qA
        var logdet = 0.0
        lxx = xx
        if qB > 0 {
            lbb = bb
            rightMultiplyLambdaB(&lbb, rows: qB)
            leftMultiplyLambdaBTransposed(&lbb, cols: qB)
            for i in 0..<qB { lbb[i * qB + i] += 1 }
            lxb = xb
            rightMultiplyLambdaB(&lxb, rows: P1)
            balam = ba
            leftMultiplyLambdaBTransposed(&balam, cols: nA)
        }
        let tA = tFactors[0]
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
                                        for c in 0..<qA {
                                            for r in 0..<qA {
                                                var s = 0.0
                                                for m in c..<qA { s += a[m * qA + r] * T[c * qA + m] }
                                                w[c * qA + r] = s
                                            }
                                        }
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
                                        for c in 0..<qA {
                                            for r in 0..<P1 {
                                                var s = 0.0
                                                for m in c..<qA { s += xaj[m * P1 + r] * T[c * qA + m] }
                                                lxaj[c * P1 + r] = s
                                            }
                                        }
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
        if !ok { return .infinity }
        logdet += 2 * Foundation.log(diagProduct)
        if qB > 0 {
            // LBA_j = (Λ_B' BA_j T) L_j^{-T}
            for j in 0..<mA {
                for r in 0..<qB {
                    for c in 0..<qA {
                        var s = 0.0
                        for m in c..<qA { s += balam[(j * qA + m) * qB + r] * tA[c * qA + m] }
                        work[c] = s
                    }
                    lA.withUnsafeBufferPointer { LA in
                        work.withUnsafeMutableBufferPointer { W in
                            DenseKernels.forwardSolve(LA.baseAddress! + j * qA * qA, qA, W.baseAddress!, stride: 1)
                        }
                    }
                    for c in 0..<qA { lba[(j * qA + c) * qB + r] = work[c] }
                }
            }
            // BB -= LBA LBA', XB -= LXA LBA'
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(qB), Int32(nA), -1.0,
                        lba, Int32(qB), 1.0, &lbb, Int32(qB))
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(P1), Int32(qB), Int32(nA), -1.0,
                        lxa, Int32(P1), lba, Int32(qB), 1.0, &lxb, Int32(P1))
            for c in 0..<qB { for r in 0..<c { lbb[c * qB + r] = 0 } }
            var bok = true
            lbb.withUnsafeMutableBufferPointer { L in
                bok = LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(qB), L.baseAddress!, Int32(qB)) == 0
            }
            if !bok { return .infinity }
            for i in 0..<qB { logdet += 2 * Foundation.log(lbb[i * qB + i]) }
            // LXB = XB L_B^{-T}
            cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(P1), Int32(qB), 1.0,
                        lbb, Int32(qB), &lxb, Int32(P1))
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(P1), Int32(qB), -1.0,
                        lxb, Int32(P1), 1.0, &lxx, Int32(P1))
        }
        var xok = true
        lxx.withUnsafeMutableBufferPointer { L in
            xok = DenseKernels.cholesky(L.baseAddress!, P1)
        }
        // The y row may legitimately reach 0 (a perfect fit); the X block may not.
        if !xok {
            return .infinity
        }
        logDetTheta = logdet
        var logdetX = 0.0
        for i in 0..<p { logdetX += 2 * Foundation.log(lxx[i * P1 + i]) }
        logDetX = logdetX
        return components.deviance(method)
    }

    /// The parts of the profiled deviance at θ (evaluates the factorisation at θ).
    func components(_ theta: [Double]) -> DevianceComponents {
        guard deviance(theta).isFinite else { return .infeasible(n: n, p: p) }
        return components
    }

    /// The parts of the profiled deviance at the last evaluation.
    private var components: DevianceComponents {
        DevianceComponents(ldL2: logDetTheta, ldRX2: logDetX, pwrss: penalizedRSS, n: n, p: p)
    }

    /// The per-level loop of `deviance` written out for one or two random effects per level
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

    /// M ← M Λ_B for an M with `rows` rows and qB columns (column-major).
    private func rightMultiplyLambdaB(_ m: inout [Double], rows: Int) {
        var tmp = [Double](repeating: 0, count: rows * 8)
        for (b, term) in terms.dropFirst().enumerated() {
            let t = tFactors[b + 1]
            let q = term.width
            if tmp.count < rows * q { tmp = [Double](repeating: 0, count: rows * q) }
            for l in 0..<term.levels.count {
                let c0 = bOffsets[b] + l * q
                for c in 0..<q {
                    for r in 0..<rows {
                        var s = 0.0
                        for k in c..<q { s += m[(c0 + k) * rows + r] * t[c * q + k] }
                        tmp[c * rows + r] = s
                    }
                }
                for c in 0..<q { for r in 0..<rows { m[(c0 + c) * rows + r] = tmp[c * rows + r] } }
            }
        }
    }

    /// M ← Λ_B' M for an M with qB rows and `cols` columns (column-major).
    private func leftMultiplyLambdaBTransposed(_ m: inout [Double], cols: Int) {
        let rows = qB
        var tmp = [Double](repeating: 0, count: 8)
        for (b, term) in terms.dropFirst().enumerated() {
            let t = tFactors[b + 1]
            let q = term.width
            if tmp.count < q { tmp = [Double](repeating: 0, count: q) }
            for l in 0..<term.levels.count {
                let r0 = bOffsets[b] + l * q
                for c in 0..<cols {
                    for k in 0..<q {
                        var s = 0.0
                        for mm in k..<q { s += t[k * q + mm] * m[c * rows + r0 + mm] }
                        tmp[k] = s
                    }
                    for k in 0..<q { m[c * rows + r0 + k] = tmp[k] }
                }
            }
        }
    }

    // MARK: Quantities at the last evaluation

    /// Penalised residual sum of squares r² at the last evaluation.
    var penalizedRSS: Double { lxx[p * p1 + p] * lxx[p * p1 + p] }

    /// Residual variance estimate σ² (REML: r²/(n−p); ML: r²/n).
    var sigma2: Double {
        method == .reml ? penalizedRSS / Double(n - p) : penalizedRSS / Double(n)
    }

    /// Fixed effects β at the last evaluation.
    func beta() -> [Double] {
        let P1 = p1
        var b = [Double](repeating: 0, count: p)
        for i in 0..<p { b[i] = lxx[i * P1 + p] }
        // R_X' β = c_β where R_X = lxx[0..<p, 0..<p] (lower); solve upper system by back substitution.
        var i = p - 1
        while i >= 0 {
            var s = b[i]
            var k = i + 1
            while k < p { s -= lxx[i * P1 + k] * b[k]; k += 1 }
            b[i] = s / lxx[i * P1 + i]
            i -= 1
        }
        return b
    }

    /// (R_X R_X')^{-1}: the unscaled covariance of β (multiply by σ² for lme4's vcov).
    func unscaledFixedCovariance() -> [[Double]] {
        let P1 = p1
        // Rinv = L^{-1} for L = lxx[0..<p,0..<p] lower triangular.
        var linv = [Double](repeating: 0, count: p * p)
        for c in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[c] = 1
            for i in 0..<p {
                var s = e[i]
                for k in 0..<i { s -= lxx[k * P1 + i] * e[k] }
                e[i] = s / lxx[i * P1 + i]
            }
            for r in 0..<p { linv[c * p + r] = e[r] }
        }
        // (L L')^{-1} = L^{-T} L^{-1}
        var out = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for k in 0..<p { s += linv[a * p + k] * linv[b * p + k] }
                out[a][b] = s
            }
        }
        return out
    }

    /// Conditional modes of the random effects on the data scale, b = Λu, per term (in
    /// factorisation order): for each term, levels × width values, level-major.
    func conditionalModes(beta: [Double]) -> [[Double]] {
        let P1 = p1
        let nA = mA * qA
        var uB = [Double](repeating: 0, count: qB)
        if qB > 0 {
            for c in 0..<qB {
                var s = lxb[c * P1 + p]
                for i in 0..<p { s -= lxb[c * P1 + i] * beta[i] }
                uB[c] = s
            }
            // L_B' u = rhs
            uB.withUnsafeMutableBufferPointer { U in
                lbb.withUnsafeBufferPointer { L in
                    DenseKernels.backSolveTransposed(L.baseAddress!, qB, U.baseAddress!)
                }
            }
        }
        var uA = [Double](repeating: 0, count: nA)
        for j in 0..<mA {
            for k in 0..<qA {
                let col = j * qA + k
                var s = lxa[col * P1 + p]
                for i in 0..<p { s -= lxa[col * P1 + i] * beta[i] }
                for r in 0..<qB { s -= lba[col * qB + r] * uB[r] }
                uA[col] = s
            }
            uA.withUnsafeMutableBufferPointer { U in
                lA.withUnsafeBufferPointer { L in
                    DenseKernels.backSolveTransposed(L.baseAddress! + j * qA * qA, qA, U.baseAddress! + j * qA)
                }
            }
        }
        var out: [[Double]] = []
        func applyT(_ u: ArraySlice<Double>, term: Int) -> [Double] {
            let q = terms[term].width
            let t = tFactors[term]
            var b = [Double](repeating: 0, count: u.count)
            let base = u.startIndex
            for l in 0..<(u.count / q) {
                for r in 0..<q {
                    var s = 0.0
                    for c in 0...r { s += t[c * q + r] * u[base + l * q + c] }
                    b[l * q + r] = s
                }
            }
            return b
        }
        out.append(applyT(uA[0..<nA], term: 0))
        for (b, term) in terms.dropFirst().enumerated() {
            let o = bOffsets[b]
            out.append(applyT(uB[o..<(o + term.width * term.levels.count)], term: b + 1))
        }
        return out
    }

    // MARK: Sufficient statistics for the statsmodels Hessian (single grouping factor)

    /// Per-level Z_j'Z_j (qA×qA column-major blocks).
    var levelZtZ: [Double] { aa }
    /// Per-level [X y]'Z_j (P1×qA column-major blocks).
    var levelXyZ: [Double] { xa }
    /// [X y]'[X y] (P1×P1 column-major).
    var crossXy: [Double] { xx }
}
