import CLapack

/// Z_B'Z_A kept as a dense qB × (levels·qA) matrix, for crossed designs where most pairs of
/// levels meet (a subjects × items design in which every subject sees every item). W, the B
/// rows of L, is then computed on contiguous panels instead of entry by entry, and is dense for
/// BLAS's dsyrk and dgemm: W = Λ_B' (Z_B'Z_A) M with M block diagonal, M_j = T_A L_j^{-T} per
/// level j of A.
///
/// In a counterbalanced design many levels of A have the same panel G_j (subjects of one list
/// see the same items in the same conditions, once each). Those levels then share it: with
/// U_p = Λ_B' G_p for each distinct panel p, N_p = Σ_{j∈p} M_j M_j' and Y_p = Σ_{j∈p} L_XA,j M_j',
/// W W' = Σ_p U_p N_p U_p' and L_XA W' = Σ_p Y_p U_p', so the rank-k update costs the number of
/// distinct panels instead of the number of levels (`shared`).
struct DenseCrossBlock {
    let qA: Int
    let levels: Int
    let qB: Int
    /// Z_B'Z_A, column-major, leading dimension qB (empty in the shared form, which keeps only
    /// the distinct panels).
    private let gram: [Double]
    /// The distinct panel of each level of A, when they are at most half as many as the levels
    /// (else nil, and W is formed level by level).
    let panelOf: [Int]?
    /// The distinct panels, qB × (count·qA), column-major (empty when `panelOf` is nil).
    private let panels: [Double]
    /// Number of distinct panels.
    let panelCount: Int

    /// True when levels share panels and W's products are formed per distinct panel.
    var shared: Bool { panelOf != nil }
    /// Columns of U, V and Y in the shared form.
    var sharedWidth: Int { panelCount * qA }

    /// The dense copy of a sparse-by-level cross block. `share` forces the shared form on or
    /// off (tests compare the two); nil shares when it halves the levels.
    init(_ cross: CrossBlock, share: Bool? = nil) {
        qA = cross.qA
        levels = cross.levels
        qB = cross.qB
        var g = [Double](repeating: 0, count: qB * levels * qA)
        for j in 0..<levels {
            for e in cross.start[j]..<cross.start[j + 1] {
                for m in 0..<qA { g[(j * qA + m) * qB + cross.rows[e]] = cross.values[e * qA + m] }
            }
        }
        let panel = qB * qA
        var index: [ArraySlice<Double>: Int] = [:]
        var of = [Int](repeating: 0, count: levels)
        var distinct: [Double] = []
        for j in 0..<levels {
            let slice = g[(j * panel)..<((j + 1) * panel)]
            if let p = index[slice] { of[j] = p; continue }
            of[j] = index.count
            index[slice] = index.count
            distinct += slice
        }
        if share ?? (2 * index.count <= levels) {
            panelOf = of; panels = distinct; panelCount = index.count; gram = []
        } else {
            panelOf = nil; panels = []; panelCount = 0; gram = g
        }
    }

    /// The shared form at the current θ: U = Λ_B' [G_p], V = [U_p N_p] (both qB × sharedWidth)
    /// and Y = [Y_p] (p1 × sharedWidth), from T_A, the factors L_j of term A and L_XA.
    func sharedProducts(tA: [Double], lA: [Double], lxa: [Double], p1 P1: Int, lambda: StackedLambda, tB: [[Double]],
                        u: inout [Double], v: inout [Double], y: inout [Double]) {
        guard let panelOf else { return }
        let qA = self.qA, qB = self.qB
        u = panels
        u.withUnsafeMutableBufferPointer { lambda.leftMultiplyTransposed($0.baseAddress!, columns: sharedWidth, t: tB) }
        var n = [Double](repeating: 0, count: panelCount * qA * qA)
        y = [Double](repeating: 0, count: P1 * sharedWidth)
        var m = [Double](repeating: 0, count: qA * qA)
        lA.withUnsafeBufferPointer { L in
            lxa.withUnsafeBufferPointer { X in
                for j in 0..<levels {
                    let p = panelOf[j]
                    Self.rightFactor(t: tA, l: L.baseAddress! + j * qA * qA, q: qA, into: &m)
                    // N_p += M_j M_j' ; Y_p += L_XA,j M_j'  (M[r, c] = m[c·qA + r])
                    for b in 0..<qA {
                        for a in 0..<qA {
                            var s = 0.0
                            for c in 0..<qA { s += m[c * qA + a] * m[c * qA + b] }
                            n[(p * qA + b) * qA + a] += s
                        }
                        let out = (p * qA + b) * P1
                        for k in 0..<qA {
                            let f = m[k * qA + b]
                            let x = X.baseAddress! + (j * qA + k) * P1
                            for r in 0..<P1 { y[out + r] += x[r] * f }
                        }
                    }
                }
            }
        }
        v = [Double](repeating: 0, count: qB * sharedWidth)
        for p in 0..<panelCount {
            for b in 0..<qA {
                let out = (p * qA + b) * qB
                for a in 0..<qA {
                    let f = n[(p * qA + b) * qA + a]
                    let src = (p * qA + a) * qB
                    for r in 0..<qB { v[out + r] += u[src + r] * f }
                }
            }
        }
    }

    /// uA −= W' uB in the shared form, given U of the last evaluation: W_j' uB = M_j' (U_p' uB).
    func subtractSharedTransposed(uB: [Double], u: [Double], tA: [Double], lA: [Double], from uA: inout [Double]) {
        guard let panelOf else { return }
        let qA = self.qA
        var z = [Double](repeating: 0, count: sharedWidth)
        cblas_dgemv(CblasColMajor, CblasTrans, Int32(qB), Int32(sharedWidth), 1.0, u, Int32(qB), uB, 1, 0.0, &z, 1)
        var m = [Double](repeating: 0, count: qA * qA)
        lA.withUnsafeBufferPointer { L in
            for j in 0..<levels {
                Self.rightFactor(t: tA, l: L.baseAddress! + j * qA * qA, q: qA, into: &m)
                let zp = panelOf[j] * qA
                for k in 0..<qA {
                    var s = 0.0
                    for c in 0..<qA { s += m[k * qA + c] * z[zp + c] }
                    uA[j * qA + k] -= s
                }
            }
        }
    }

    /// W ← Λ_B' (Z_B'Z_A) T_A L_A^{-T}, given T_A, the factors L_j of term A (qA×qA lower,
    /// column-major, one after another) and Λ_B: per level j of A, the contiguous panel
    /// W_j = Λ_B' G_j M_j with M_j = T_A L_j^{-T}.
    func scaled(tA: [Double], lA: [Double], lambda: StackedLambda, tB: [[Double]], into w: inout [Double]) {
        let qA = self.qA, qB = self.qB
        var m = [Double](repeating: 0, count: qA * qA)
        gram.withUnsafeBufferPointer { G in
            w.withUnsafeMutableBufferPointer { W in
                lA.withUnsafeBufferPointer { L in
                    for j in 0..<levels {
                        let g = G.baseAddress! + j * qA * qB
                        let out = W.baseAddress! + j * qA * qB
                        Self.rightFactor(t: tA, l: L.baseAddress! + j * qA * qA, q: qA, into: &m)
                        for c in 0..<qA {
                            let o = out + c * qB
                            let m0 = m[c * qA]
                            for r in 0..<qB { o[r] = g[r] * m0 }
                            for k in 1..<qA {
                                let gk = g + k * qB
                                let mk = m[c * qA + k]
                                for r in 0..<qB { o[r] += gk[r] * mk }
                            }
                        }
                        lambda.leftMultiplyTransposed(out, columns: qA, t: tB)
                    }
                }
            }
        }
    }

    /// M = T L^{-T} (q×q, column-major) for a lower-triangular T and the lower Cholesky factor L.
    private static func rightFactor(t: [Double], l: UnsafePointer<Double>, q: Int, into m: inout [Double]) {
        // Row r of M solves L x = T[r, :]' (since M L' = T).
        for r in 0..<q {
            for c in 0..<q {
                var s = c <= r ? t[c * q + r] : 0
                for k in 0..<c { s -= l[k * q + c] * m[k * q + r] }
                m[c * q + r] = s / l[c * q + c]
            }
        }
    }
}
