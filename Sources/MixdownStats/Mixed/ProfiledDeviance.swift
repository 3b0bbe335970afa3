import CLapack
import Dispatch
import Foundation

/// The profiled (RE)ML deviance of a linear mixed model as a function of the relative covariance
/// parameters θ (Bates, Mächler, Bolker & Walker, "Fitting Linear Mixed-Effects Models Using
/// lme4", J. Stat. Softw. 2015, section 3).
///
/// The cross-products of [Z X y] are accumulated once (one pass over the rows). Each evaluation
/// then factors Λ'Z'ZΛ + I blockwise: the term with most levels ("A") is block diagonal, one
/// q×q block per level (`LeadingBlock`); the other terms ("B", crossed or nested factors) meet
/// it in Z_B'Z_A, stored sparse by level (`CrossBlock`) or, when most pairs of levels meet,
/// dense for BLAS (`DenseCrossBlock`, where levels of A with equal panels — a counterbalanced
/// design — share one term of the rank update); their own block L_BB is block diagonal for a nested
/// factor and dense otherwise (`SchurBlock`). With a single grouping factor the cost of an
/// evaluation is linear in the number of groups and independent of the number of rows.
final class ProfiledDeviance {
    let n: Int
    let p: Int
    let method: MixedModelMethod
    /// Terms in factorisation order: terms[0] is the block-diagonal term A.
    let terms: [RandomEffectTerm]
    /// The fixed-effect columns (kept for `refit(response:)`).
    private let fixed: [[Double]]
    /// γ of `ResponseShift`: the cross-products are those of y − Xγ; β = β' + γ.
    let responseShift: [Double]
    let layouts: [ThetaLayout]
    let thetaOffsets: [Int]
    let thetaCount: Int

    // Term A: block diagonal, one qA×qA block per level.
    let qA: Int
    let mA: Int
    private var aa: [Double]          // mA blocks of qA×qA
    private var xa: [Double]          // P1 × (mA·qA), column-major
    private var xx: [Double]          // P1 × P1
    // Terms B (the others, stacked): sparse or dense against A, block-diagonal or dense among themselves.
    let qB: Int
    let bOffsets: [Int]               // first column of each B term within the B block
    private var cross: CrossBlock?
    private var schur: SchurBlock?
    private let lambdaB: StackedLambda
    private var xb: [Double]          // P1 × qB
    /// Z_B'Z_A as a dense matrix when the cross block is dense enough for BLAS (else nil).
    private var denseCross: DenseCrossBlock?
    /// W, the B rows of L, as a dense qB × (mA·qA) matrix when `denseCross` is set and does not
    /// share panels (else empty).
    private var denseW: [Double] = []
    /// U, V and Y of `DenseCrossBlock`'s shared-panel form at the last evaluation (else empty).
    private var sharedU: [Double] = [], sharedV: [Double] = [], sharedY: [Double] = []

    // Factor state of the last evaluation.
    private(set) var lA: [Double]
    private(set) var lxa: [Double]
    private(set) var lxb: [Double]
    private(set) var lxx: [Double]
    private(set) var tFactors: [[Double]]
    private(set) var logDetTheta = 0.0
    private(set) var logDetX = 0.0
    /// Number of deviance evaluations so far (factorisations; a repeated θ is not counted).
    private(set) var evaluations = 0
    /// θ of the last successful evaluation and its deviance: the optimiser's first point, the
    /// polish's starting point and the final `components` call each ask again for the θ just
    /// evaluated, and the factor state is still the one for it.
    private var lastTheta: [Double] = []
    private var lastDeviance = Double.nan

    /// A cross block denser than this is multiplied with BLAS as a dense matrix.
    static let denseCrossFraction = 0.25

    var p1: Int { p + 1 }

    /// Accumulates the cross-products. `terms` must already be validated and sorted (A first).
    /// `denseCross` forces Z_B'Z_A dense (true) or sparse by level (false) whatever its density
    /// (tests compare the two); nil chooses by `denseCrossFraction`. `sharePanels` forces the
    /// shared-panel form of a dense cross block on or off; nil chooses (`DenseCrossBlock`).
    init(response: [Double], fixed: [[Double]], terms: [RandomEffectTerm], method: MixedModelMethod,
         denseCross: Bool? = nil, sharePanels: Bool? = nil) {
        n = response.count
        p = fixed.count
        self.method = method
        self.terms = terms
        self.fixed = fixed
        let shift = ResponseShift(response: response, fixed: fixed)
        responseShift = shift.gamma
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
        xb = [Double](repeating: 0, count: P1 * qB)
        xx = [Double](repeating: 0, count: P1 * P1)
        lambdaB = StackedLambda(terms: Array(terms.dropFirst()), offsets: bo)
        lA = aa
        lxa = xa
        lxb = xb
        lxx = xx
        tFactors = layouts.map { [Double](repeating: 0, count: $0.q * $0.q) }
        accumulate(response: shift.shifted, fixed: fixed, denseCross: denseCross, sharePanels: sharePanels)
    }

    /// The same model with a new response (a parametric bootstrap's simulated y): the
    /// cross-products that involve y are recomputed in one pass, everything else — the Z'Z
    /// blocks, their sparsity pattern, [X]'Z and X'X — is shared with this model.
    func refit(response: [Double]) -> ProfiledDeviance {
        precondition(response.count == n, "refit: the response must have \(n) values")
        return ProfiledDeviance(self, response: response)
    }

    private init(_ o: ProfiledDeviance, response: [Double]) {
        n = o.n; p = o.p; method = o.method; terms = o.terms; fixed = o.fixed
        let shift = ResponseShift(response: response, fixed: o.fixed)
        responseShift = shift.gamma
        layouts = o.layouts; thetaOffsets = o.thetaOffsets; thetaCount = o.thetaCount
        qA = o.qA; mA = o.mA; aa = o.aa; xa = o.xa; xx = o.xx
        qB = o.qB; bOffsets = o.bOffsets; cross = o.cross; schur = o.schur; lambdaB = o.lambdaB
        xb = o.xb; denseCross = o.denseCross; denseW = o.denseW
        sharedU = o.sharedU; sharedV = o.sharedV; sharedY = o.sharedY
        lA = o.lA; lxa = o.lxa; lxb = o.lxb; lxx = o.lxx; tFactors = o.tFactors
        accumulateResponse(shift.shifted)
    }

    /// Replaces the y row of [X y]'Z_A, [X y]'[X y] and [X y]'Z_B by those of `y`.
    private func accumulateResponse(_ y: [Double]) {
        let P1 = p1
        for col in 0..<(mA * qA) { xa[col * P1 + p] = 0 }
        for c in 0..<P1 { xx[c * P1 + p] = 0 }
        for col in 0..<qB { xb[col * P1 + p] = 0 }
        let termA = terms[0]
        for i in 0..<n {
            let yi = y[i]
            let j = Int(termA.levelIndex[i])
            for k in 0..<qA { xa[(j * qA + k) * P1 + p] += termA.columns[k][i] * yi }
            for c in 0..<p { xx[c * P1 + p] += fixed[c][i] * yi }
            xx[p * P1 + p] += yi * yi
            for (b, term) in terms.dropFirst().enumerated() {
                let c0 = bOffsets[b] + Int(term.levelIndex[i]) * term.width
                for k in 0..<term.width { xb[(c0 + k) * P1 + p] += term.columns[k][i] * yi }
            }
        }
        for c in 0..<p { xx[p * P1 + c] = xx[c * P1 + p] }
    }

    /// True when the other terms' block of L stays block diagonal: one other term, nested in
    /// the leading one (every level of terms[0] meets a single level of terms[1]).
    static func otherTermsAreNested(_ terms: [RandomEffectTerm]) -> Bool {
        guard terms.count == 2 else { return false }
        var seen = [Int32](repeating: -1, count: terms[0].levels.count)
        for (a, b) in zip(terms[0].levelIndex, terms[1].levelIndex) {
            if seen[Int(a)] == -1 { seen[Int(a)] = b } else if seen[Int(a)] != b { return false }
        }
        return true
    }

    /// One pass over the rows accumulating the cross-products (split over two threads for a
    /// single grouping factor and many rows), then the symmetric halves filled in.
    private func accumulate(response: [Double], fixed: [[Double]], denseCross: Bool?, sharePanels: Bool?) {
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
        if terms.count > 1 { accumulateB(response: response, fixed: fixed, denseCross: denseCross, sharePanels: sharePanels) }
        // Symmetrise the lower-triangle accumulations.
        for j in 0..<mA {
            let ab = j * qA * qA
            for k in 0..<qA { for m in (k + 1)..<max(qA, k + 1) { aa[ab + m * qA + k] = aa[ab + k * qA + m] } }
        }
        for d in 0..<P1 { for c in (d + 1)..<max(P1, d + 1) { xx[c * P1 + d] = xx[d * P1 + c] } }
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

    /// Accumulates the cross-products that involve the other terms (B): Z_B'Z_A (sparse, by
    /// level of A), Z_B'Z_B and [X y]'Z_B, and chooses how W and L_BB are stored.
    private func accumulateB(response: [Double], fixed: [[Double]], denseCross forced: Bool?, sharePanels: Bool?) {
        let P1 = p1
        let bTerms = Array(terms.dropFirst())
        let crossBlock = CrossBlock(termA: terms[0], others: bTerms, offsets: bOffsets, qB: qB)
        var gram = SchurBlock(qB: qB, blockWidth: crossBlock.nested ? bTerms[0].width : nil)
        let bWidth = bTerms.reduce(0) { $0 + $1.width }
        var cols = [Int](repeating: 0, count: bWidth)
        var vals = [Double](repeating: 0, count: bWidth)
        var x = [Double](repeating: 0, count: P1)
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
            cols.withUnsafeBufferPointer { C in vals.withUnsafeBufferPointer { V in gram.accumulate(cols: C, vals: V) } }
            for s in 0..<bWidth where vals[s] != 0 {
                let o = cols[s] * P1, vs = vals[s]
                for c in 0..<P1 { xb[o + c] += vs * x[c] }
            }
        }
        gram.finish(lambda: lambdaB)
        if !crossBlock.nested && (forced ?? (crossBlock.density > Self.denseCrossFraction)) {
            let dense = DenseCrossBlock(crossBlock, share: sharePanels)
            if !dense.shared { denseW = [Double](repeating: 0, count: qB * mA * qA) }
            denseCross = dense
        }
        cross = crossBlock
        schur = gram
    }

    /// The upper-left p×p block of X'X, for the rank check of the fixed-effect design.
    var fixedCrossProduct: [Double] {
        var out = [Double](repeating: 0, count: p * p)
        for c in 0..<p { for r in 0..<p { out[c * p + r] = xx[c * p1 + r] } }
        return out
    }

    /// Evaluates the profiled deviance (−2 × the (RE)ML log-likelihood) at θ; +∞ if a factor fails:
    /// update Λ_θ, factor the blocks of L (term A, the other terms, then [X y]), combine.
    func deviance(_ theta: [Double]) -> Double {
        if theta == lastTheta { return lastDeviance }
        lastTheta = []
        evaluations += 1
        for (t, layout) in layouts.enumerated() {
            let o = thetaOffsets[t]
            layout.fill(theta[o..<(o + layout.positions.count)], into: &tFactors[t])
        }
        lxx = xx
        guard var logdet = factorLeadingTerm() else { return .infinity }
        if qB > 0 {
            guard let ld = factorOtherTerms() else { return .infinity }
            logdet += ld
        }
        // The y row may legitimately reach 0 (a perfect fit); the X block may not.
        guard lxx.withUnsafeMutableBufferPointer({ DenseKernels.cholesky($0.baseAddress!, p1) }) else { return .infinity }
        logDetTheta = logdet
        var logdetX = 0.0
        for i in 0..<p { logdetX += 2 * Foundation.log(lxx[i * p1 + i]) }
        logDetX = logdetX
        let value = components.deviance(method)
        if value.isFinite { lastTheta = theta; lastDeviance = value }
        return value
    }

    /// L_B (the other terms' rows of L) and their share of [X y]: W = Λ_B'Z_B'Z_AΛ_A L_A^{-T},
    /// L_XB = ([X y]'Z_BΛ_B − L_XA W') L_BB^{-T}, L_XX −= L_XB L_XB'. Returns log det(L_BB)².
    private func factorOtherTerms() -> Double? {
        let tB = Array(tFactors.dropFirst())
        let P1 = p1
        lxb = xb
        lambdaB.rightMultiply(&lxb, rows: P1, t: tB)
        if let denseCross, denseCross.shared {
            denseCross.sharedProducts(tA: tFactors[0], lA: lA, lxa: lxa, p1: P1, lambda: lambdaB, tB: tB,
                                      u: &sharedU, v: &sharedV, y: &sharedY)
            BlasThreads.fit(order: P1)
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(P1), Int32(qB), Int32(denseCross.sharedWidth), -1.0,
                        sharedY, Int32(P1), sharedU, Int32(qB), 1.0, &lxb, Int32(P1))
        } else if let denseCross {
            denseCross.scaled(tA: tFactors[0], lA: lA, lambda: lambdaB, tB: tB, into: &denseW)
            BlasThreads.fit(order: qB)
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(P1), Int32(qB), Int32(mA * qA), -1.0,
                        lxa, Int32(P1), denseW, Int32(qB), 1.0, &lxb, Int32(P1))
        } else {
            cross!.update(tA: tFactors[0], lA: lA, tB: tB)
            subtractCrossFromXB()
        }
        let shared = denseCross?.shared == true ? (sharedU, sharedV) : nil
        guard let logdet = schur!.update(lambda: lambdaB, t: tB, cross: cross!, denseW: denseW, shared: shared) else { return nil }
        schur!.rightSolve(&lxb, rows: P1)
        BlasThreads.fit(order: P1)
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(P1), Int32(qB), -1.0,
                    lxb, Int32(P1), 1.0, &lxx, Int32(P1))
        return logdet
    }

    /// L_XB −= L_XA W' over the stored entries of each level of A.
    private func subtractCrossFromXB() {
        let P1 = p1, qA = self.qA
        guard let cross else { return }
        lxb.withUnsafeMutableBufferPointer { XB in
            lxa.withUnsafeBufferPointer { XA in
                cross.scaled.withUnsafeBufferPointer { W in
                    for j in 0..<mA {
                        let xaj = XA.baseAddress! + j * qA * P1
                        for e in cross.start[j]..<cross.start[j + 1] {
                            let out = XB.baseAddress! + cross.rows[e] * P1
                            for m in 0..<qA {
                                let w = W[e * qA + m]
                                let x = xaj + m * P1
                                for r in 0..<P1 { out[r] -= x[r] * w }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Term A's blocks of L and their share of [X y] (see `LeadingBlock`).
    private func factorLeadingTerm() -> Double? {
        LeadingBlock.factor(t: tFactors[0], q: qA, levels: mA, p1: p1, gram: aa, xyCross: xa,
                            factor: &lA, xyFactor: &lxa, lxx: &lxx)
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
        return zip(b, responseShift).map(+)
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

    /// Spherical conditional modes u (b = Λu) per term in factorisation order, given β: the
    /// back substitution L' u = L_X-part of the right-hand side, B block first.
    func sphericalModes(beta: [Double]) -> [[Double]] {
        let beta = zip(beta, responseShift).map(-)
        let P1 = p1
        let nA = mA * qA
        func rhs(_ l: [Double], _ col: Int) -> Double {
            var s = l[col * P1 + p]
            for i in 0..<p { s -= l[col * P1 + i] * beta[i] }
            return s
        }
        var uB = (0..<qB).map { rhs(lxb, $0) }
        if qB > 0 { schur!.backSolveTransposed(&uB) }
        var uA = (0..<nA).map { rhs(lxa, $0) }
        if let denseCross, denseCross.shared {
            denseCross.subtractSharedTransposed(uB: uB, u: sharedU, tA: tFactors[0], lA: lA, from: &uA)
        } else if !denseW.isEmpty {
            cblas_dgemv(CblasColMajor, CblasTrans, Int32(qB), Int32(nA), -1.0, denseW, Int32(qB), uB, 1, 1.0, &uA, 1)
        } else if let cross {
            for j in 0..<mA {
                for e in cross.start[j]..<cross.start[j + 1] {
                    for k in 0..<qA { uA[j * qA + k] -= cross.scaled[e * qA + k] * uB[cross.rows[e]] }
                }
            }
        }
        lA.withUnsafeBufferPointer { L in
            uA.withUnsafeMutableBufferPointer { U in
                for j in 0..<mA {
                    DenseKernels.backSolveTransposed(L.baseAddress! + j * qA * qA, qA, U.baseAddress! + j * qA)
                }
            }
        }
        return [uA] + terms.indices.dropFirst().map { t in
            let o = bOffsets[t - 1]
            return Array(uB[o..<(o + terms[t].width * terms[t].levels.count)])
        }
    }

    /// Conditional modes of the random effects on the data scale, b = Λu, per term (in
    /// factorisation order): for each term, levels × width values, level-major.
    func conditionalModes(beta: [Double]) -> [[Double]] {
        sphericalModes(beta: beta).enumerated().map { term, u in
            let q = terms[term].width
            let t = tFactors[term]
            var b = [Double](repeating: 0, count: u.count)
            for l in 0..<(u.count / q) {
                for r in 0..<q {
                    var s = 0.0
                    for c in 0...r { s += t[c * q + r] * u[l * q + c] }
                    b[l * q + r] = s
                }
            }
            return b
        }
    }

    // MARK: Sufficient statistics for the statsmodels Hessian (single grouping factor)

    /// Per-level Z_j'Z_j (qA×qA column-major blocks).
    var levelZtZ: [Double] { aa }
    /// Per-level [X y]'Z_j (P1×qA column-major blocks), for y − Xγ (`responseShift`).
    var levelXyZ: [Double] { xa }
    /// [X y]'[X y] (P1×P1 column-major), for y − Xγ (`responseShift`).
    var crossXy: [Double] { xx }
}
