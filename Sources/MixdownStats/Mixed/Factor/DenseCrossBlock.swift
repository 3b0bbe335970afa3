/// Z_B'Z_A kept as a dense qB × (levels·qA) matrix, for crossed designs where most pairs of
/// levels meet (a subjects × items design in which every subject sees every item). W, the B
/// rows of L, is then computed on contiguous panels instead of entry by entry, and is dense for
/// BLAS's dsyrk and dgemm: W = Λ_B' (Z_B'Z_A) M with M block diagonal, M_j = T_A L_j^{-T} per
/// level j of A.
struct DenseCrossBlock {
    let qA: Int
    let levels: Int
    let qB: Int
    /// Z_B'Z_A, column-major, leading dimension qB.
    private let gram: [Double]

    /// The dense copy of a sparse-by-level cross block.
    init(_ cross: CrossBlock) {
        qA = cross.qA
        levels = cross.levels
        qB = cross.qB
        var g = [Double](repeating: 0, count: qB * levels * qA)
        for j in 0..<levels {
            for e in cross.start[j]..<cross.start[j + 1] {
                for m in 0..<qA { g[(j * qA + m) * qB + cross.rows[e]] = cross.values[e * qA + m] }
            }
        }
        gram = g
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
