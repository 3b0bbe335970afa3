import Dispatch
import CLapack
import Foundation

/// L_BB, the other terms' diagonal block of L once the leading term is eliminated:
/// L_BB L_BB' = Λ_B'Z_B'Z_BΛ_B + I − W W'. Block diagonal (one small block per level) when B is
/// one term nested in A, since each level of A then touches a single level of B; dense otherwise
/// (crossed factors fill it in).
struct SchurBlock {
    /// Order of the block (number of B random effects).
    let qB: Int
    /// Block size when block diagonal; nil when dense.
    let blockWidth: Int?
    /// Z_B'Z_B (lower triangle): qB×qB, or one blockWidth² block per level.
    var gram: [Double]
    /// The Cholesky factor (lower) at the last evaluation: qB×qB, or the blocks in `gram`'s layout.
    private(set) var factor: [Double]
    /// The dense case's Z_B'Z_B as its non-zero blocks (q_row × q_col, column-major) after `finish`.
    private struct GramBlock { let row: Int, col: Int, rowTerm: Int, colTerm: Int, offset: Int }
    private var blocks: [GramBlock] = []
    private var blockValues: [Double] = []
    /// The column ranges `subtractSparse` gives each thread (found at its first call).
    private var columnSplits: [Range<Int>] = []

    init(qB: Int, blockWidth: Int?) {
        self.qB = qB
        self.blockWidth = blockWidth
        gram = [Double](repeating: 0, count: blockWidth.map { qB * $0 } ?? qB * qB)
        factor = [Double](repeating: 0, count: blockWidth.map { qB * $0 } ?? qB * qB)
    }

    /// Adds z z' for one row's B entries (`cols` increasing, `vals` their values) to the gram matrix.
    mutating func accumulate(cols: UnsafeBufferPointer<Int>, vals: UnsafeBufferPointer<Double>) {
        if let q = blockWidth {
            let base = (cols[0] / q) * q * q
            for k in 0..<q { for m in k..<q { gram[base + k * q + m] += vals[k] * vals[m] } }
            return
        }
        for s in cols.indices where vals[s] != 0 {
            for t in s..<cols.count { gram[cols[s] * qB + cols[t]] += vals[s] * vals[t] }
        }
    }

    /// Ends the accumulation: fills the upper triangles and, for the dense case, keeps only the
    /// non-zero blocks (one per pair of levels that share rows) instead of the qB × qB matrix.
    mutating func finish(lambda: StackedLambda) {
        let (n, count) = blockWidth.map { ($0, qB / $0) } ?? (qB, 1)
        for b in 0..<count {
            let o = b * n * n
            for c in 0..<n { for r in (c + 1)..<max(n, c + 1) { gram[o + r * n + c] = gram[o + c * n + r] } }
        }
        guard blockWidth == nil else { return }
        var groups: [(first: Int, width: Int, term: Int)] = []
        for (b, q) in lambda.widths.enumerated() {
            for l in 0..<lambda.levels[b] { groups.append((lambda.offsets[b] + l * q, q, b)) }
        }
        gram.withUnsafeBufferPointer { G in
            for (gc, col) in groups.enumerated() {
                for row in groups[gc...] {
                    var any = false
                    for kc in 0..<col.width where !any {
                        let c = (col.first + kc) * qB + row.first
                        for kr in 0..<row.width where G[c + kr] != 0 { any = true; break }
                    }
                    guard any else { continue }
                    blocks.append(GramBlock(row: row.first, col: col.first, rowTerm: row.term, colTerm: col.term,
                                            offset: blockValues.count))
                    for kc in 0..<col.width {
                        for kr in 0..<row.width { blockValues.append(G[(col.first + kc) * qB + row.first + kr]) }
                    }
                }
            }
        }
        gram = []
    }

    /// factor ← chol(Λ_B' gram Λ_B + I − W W'); returns log det(L_BB)², nil if not positive definite.
    /// `denseW` is W as a dense qB × (levels·qA) matrix when the cross block is dense, else empty;
    /// `shared` is the shared-panel form of `DenseCrossBlock` (W W' = (U V' + V U')/2) instead.
    mutating func update(lambda: StackedLambda, t tB: [[Double]], cross: CrossBlock, denseW: [Double],
                         shared: (u: [Double], v: [Double])? = nil) -> Double? {
        if let q = blockWidth { return updateBlocks(q: q, t: tB[0], cross: cross) }
        scaleGram(lambda: lambda, t: tB)
        if let shared {
            BlasThreads.fit(order: qB)
            cblas_dsyr2k(CblasColMajor, CblasLower, CblasNoTrans, Int32(qB), Int32(shared.u.count / qB), -0.5,
                         shared.u, Int32(qB), shared.v, Int32(qB), 1.0, &factor, Int32(qB))
        } else if denseW.isEmpty {
            subtractSparse(cross)
        } else {
            BlasThreads.fit(order: qB)
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(qB), Int32(cross.levels * cross.qA), -1.0,
                        denseW, Int32(qB), 1.0, &factor, Int32(qB))
        }
        BlasThreads.fit(order: qB)
        let info = factor.withUnsafeMutableBufferPointer { L in
            LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(qB), L.baseAddress!, Int32(qB))
        }
        guard info == 0 else { return nil }
        var logdet = 0.0
        for i in 0..<qB { logdet += Foundation.log(factor[i * qB + i]) }
        return 2 * logdet
    }

    /// factor ← Λ_B' Z_B'Z_B Λ_B + I from the non-zero blocks (lower triangle; the strict upper
    /// triangle is not referenced).
    private mutating func scaleGram(lambda: StackedLambda, t tB: [[Double]]) {
        let qB = self.qB
        factor.withUnsafeMutableBufferPointer { F in
            // Only the lower triangle is ever read (dpotrf 'L', the solves), so only it is cleared.
            for c in 0..<qB { UnsafeMutableBufferPointer(rebasing: F[(c * qB + c)..<((c + 1) * qB)]).update(repeating: 0) }
            blockValues.withUnsafeBufferPointer { G in
                for blk in blocks {
                    let qr = lambda.widths[blk.rowTerm], qc = lambda.widths[blk.colTerm]
                    let tr = tB[blk.rowTerm], tc = tB[blk.colTerm]
                    if qr == 1 && qc == 1 {
                        F[blk.col * qB + blk.row] = G[blk.offset] * tr[0] * tc[0]
                        continue
                    }
                    // (T_r' G T_c)[r, c] = Σ_{a ≥ r, b ≥ c} T_r[a, r] G[a, b] T_c[b, c]
                    for c in 0..<qc {
                        for r in 0..<qr {
                            var s = 0.0
                            for a in r..<qr {
                                var gb = 0.0
                                for b in c..<qc { gb += G[blk.offset + b * qr + a] * tc[c * qc + b] }
                                s += tr[r * qr + a] * gb
                            }
                            F[(blk.col + c) * qB + blk.row + r] = s
                        }
                    }
                }
            }
            for i in 0..<qB { F[i * qB + i] += 1 }
        }
    }

    /// factor −= W W' (lower triangle), one B column r at a time: Σ_j W[r, j] W[s, j] over the
    /// levels j of A that meet r, gathered in a dense column buffer and subtracted contiguously.
    /// Large blocks split the columns between two threads at equal work (each column is computed
    /// by one thread in the same order, so the result does not depend on the split).
    private mutating func subtractSparse(_ cross: CrossBlock) {
        let qB = self.qB
        if columnSplits.isEmpty { columnSplits = Self.balancedSplits(cross, qB: qB) }
        let splits = columnSplits
        factor.withUnsafeMutableBufferPointer { F in
            let f = F.baseAddress!
            DispatchQueue.concurrentPerform(iterations: splits.count) { part in
                Self.subtractColumns(splits[part], cross: cross, qB: qB, factor: f)
            }
        }
    }

    /// The columns of `subtractSparse` for each thread: two ranges of equal work (the products of
    /// each column plus its length below the diagonal) for a block of order ≥ `parallelOrder` on
    /// more than one core, else one. The pattern is fixed, so this is found once.
    private static func balancedSplits(_ cross: CrossBlock, qB: Int) -> [Range<Int>] {
        guard qB >= BlasThreads.parallelOrder && ProcessInfo.processInfo.activeProcessorCount > 1 else { return [0..<qB] }
        var work = [Int](repeating: 0, count: qB)
        for r in 0..<qB {
            work[r] = qB - r
            for k in cross.byColumnStart[r]..<cross.byColumnStart[r + 1] { work[r] += cross.byColumn[k].levelEnd - cross.byColumn[k].entry }
        }
        let total = work.reduce(0, +)
        var cut = 0, acc = 0
        while cut < qB && 2 * acc < total { acc += work[cut]; cut += 1 }
        return [0..<cut, cut..<qB]
    }

    /// The columns `columns` of `subtractSparse`, with their own gathering buffer.
    private static func subtractColumns(_ columns: Range<Int>, cross: CrossBlock, qB: Int, factor F: UnsafeMutablePointer<Double>) {
        let qA = cross.qA
        var column = [Double](repeating: 0, count: qB)
        column.withUnsafeMutableBufferPointer { C in
            cross.scaled.withUnsafeBufferPointer { W in
                cross.rows.withUnsafeBufferPointer { R in
                    cross.byColumn.withUnsafeBufferPointer { E in
                        for r in columns {
                            for k in cross.byColumnStart[r]..<cross.byColumnStart[r + 1] {
                                let (e, end) = E[k]
                                if qA == 1 {
                                    let w = W[e]
                                    for t in e..<end { C[R[t]] += w * W[t] }
                                } else {
                                    for t in e..<end {
                                        var v = 0.0
                                        for m in 0..<qA { v += W[e * qA + m] * W[t * qA + m] }
                                        C[R[t]] += v
                                    }
                                }
                            }
                            let f = F + r * qB
                            for s in r..<qB { f[s] -= C[s]; C[s] = 0 }
                        }
                    }
                }
            }
        }
    }

    /// The block-diagonal case: per level l, chol(T' G_l T + I − Σ_j W_j W_j') over the levels j of
    /// A nested in l.
    private mutating func updateBlocks(q: Int, t: [Double], cross: CrossBlock) -> Double? {
        let levels = qB / q
        var m = [Double](repeating: 0, count: q * q)
        for l in 0..<levels {
            let o = l * q * q
            for c in 0..<q {
                for r in c..<q {
                    var s = 0.0
                    for a in r..<q { for b in c..<q { s += t[r * q + a] * gram[o + b * q + a] * t[c * q + b] } }
                    m[c * q + r] = s + (r == c ? 1 : 0)
                }
            }
            for i in 0..<(q * q) { factor[o + i] = m[i] }
        }
        let qA = cross.qA
        for j in 0..<cross.levels where cross.start[j] < cross.start[j + 1] {
            let e0 = cross.start[j]
            let o = cross.rows[e0] * q
            for c in 0..<q {
                for r in c..<q {
                    var v = 0.0
                    for k in 0..<qA { v += cross.scaled[(e0 + r) * qA + k] * cross.scaled[(e0 + c) * qA + k] }
                    factor[o + c * q + r] -= v
                }
            }
        }
        var logdet = 0.0
        let ok = factor.withUnsafeMutableBufferPointer { F -> Bool in
            for l in 0..<levels {
                let f = F.baseAddress! + l * q * q
                if !DenseKernels.cholesky(f, q) { return false }
                for i in 0..<q { logdet += Foundation.log(f[i * q + i]) }
            }
            return true
        }
        return ok ? 2 * logdet : nil
    }

    /// Up to this many rows, `rightSolve` solves row by row (measured crossover: 4 rows 1.0 ms
    /// against dtrsm's 1.6, 8 rows 2.2 against 1.7, at order 1142).
    static let rowsSolvedOneByOne = 4

    /// X ← X L_BB^{-T} for X with `rows` rows and qB columns (column-major).
    func rightSolve(_ x: inout [Double], rows: Int) {
        guard let q = blockWidth else {
            BlasThreads.fit(order: qB)
            // A few rows (InstEval's [1 service y]) go one at a time, L z = x_r': dtrsm packs the
            // whole of L on every call (order 1142: 1.5–2.0 ms for 3 rows, dtrsv 0.7–0.9 ms).
            if rows <= Self.rowsSolvedOneByOne {
                x.withUnsafeMutableBufferPointer { X in
                    for r in 0..<rows {
                        cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(qB), factor, Int32(qB),
                                    X.baseAddress! + r, Int32(rows))
                    }
                }
                return
            }
            cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(rows), Int32(qB), 1.0,
                        factor, Int32(qB), &x, Int32(rows))
            return
        }
        factor.withUnsafeBufferPointer { F in
            x.withUnsafeMutableBufferPointer { X in
                for l in 0..<(qB / q) {
                    for r in 0..<rows {
                        DenseKernels.forwardSolve(F.baseAddress! + l * q * q, q, X.baseAddress! + l * q * rows + r, stride: rows)
                    }
                }
            }
        }
    }

    /// Solves L_BB' u = b in place.
    func backSolveTransposed(_ u: inout [Double]) {
        let (n, blocks) = blockWidth.map { ($0, qB / $0) } ?? (qB, 1)
        factor.withUnsafeBufferPointer { F in
            u.withUnsafeMutableBufferPointer { U in
                for b in 0..<blocks {
                    DenseKernels.backSolveTransposed(F.baseAddress! + b * n * n, n, U.baseAddress! + b * n)
                }
            }
        }
    }
}
