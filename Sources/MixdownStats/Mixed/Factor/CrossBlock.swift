/// Z_B'Z_A: the other random-effect terms (B, stacked) against the leading term (A), stored
/// sparse by level of A — for each level j the B columns its rows meet, in increasing order, with
/// qA values each. Crossed factors meet in few cells (InstEval's students × instructors: 2.6 %),
/// a nested factor in one; the cost of an evaluation is then that of the non-zeros.
struct CrossBlock {
    let qA: Int
    let qB: Int
    /// Level j's entries are `start[j]..<start[j + 1]`.
    let start: [Int]
    /// B column of each entry.
    let rows: [Int]
    /// Z_B'Z_A, qA values per entry (row-major).
    let values: [Double]
    /// W = Λ_B' (Z_B'Z_A) Λ_A L_A^{-T} at the last evaluation (the B rows of L), same layout.
    private(set) var scaled: [Double]
    /// Term (index into B) of each B column.
    let termOfColumn: [Int]
    /// Width (random effects per level) of each B term.
    let widths: [Int]
    /// The same pattern by B column: B column r's entries are `byColumn[byColumnStart[r]..<byColumnStart[r + 1]]`,
    /// each an entry index with the end of its level's entries (for W W' one B column at a time).
    let byColumnStart: [Int]
    let byColumn: [(entry: Int, levelEnd: Int)]
    /// True when there is one B term and every level of A meets one level of it (nested factors).
    let nested: Bool

    var levels: Int { start.count - 1 }
    /// Fraction of Z_B'Z_A that is stored.
    var density: Double { Double(rows.count) / Double(max(1, qB * levels)) }

    init(termA: RandomEffectTerm, others: [RandomEffectTerm], offsets: [Int], qB: Int) {
        qA = termA.width
        self.qB = qB
        let mA = termA.levels.count
        let n = termA.levelIndex.count
        var termOf = [Int](repeating: 0, count: qB)
        for (b, t) in others.enumerated() {
            for c in 0..<(t.width * t.levels.count) { termOf[offsets[b] + c] = b }
        }
        termOfColumn = termOf
        widths = others.map(\.width)
        // Rows grouped by level of A (counting sort).
        var first = [Int](repeating: 0, count: mA + 1)
        for j in termA.levelIndex { first[Int(j) + 1] += 1 }
        for j in 0..<mA { first[j + 1] += first[j] }
        var order = [Int](repeating: 0, count: n)
        var fillPos = first
        for i in 0..<n { let j = Int(termA.levelIndex[i]); order[fillPos[j]] = i; fillPos[j] += 1 }
        // Pattern: the B column groups (one per term and level) each level of A meets.
        var stamp = [Int](repeating: -1, count: qB)
        var st = [0], rws: [Int] = []
        var groups: [(first: Int, width: Int)] = []
        var isNested = others.count == 1
        for j in 0..<mA {
            groups.removeAll(keepingCapacity: true)
            for r in first[j]..<first[j + 1] {
                let i = order[r]
                for (b, t) in others.enumerated() {
                    let c0 = offsets[b] + Int(t.levelIndex[i]) * t.width
                    if stamp[c0] != j { stamp[c0] = j; groups.append((c0, t.width)) }
                }
            }
            if groups.count > 1 { isNested = false }
            groups.sort { $0.first < $1.first }
            for g in groups { for k in 0..<g.width { rws.append(g.first + k) } }
            st.append(rws.count)
        }
        start = st
        rows = rws
        var colStart = [Int](repeating: 0, count: qB + 1)
        for r in rws { colStart[r + 1] += 1 }
        for r in 0..<qB { colStart[r + 1] += colStart[r] }
        var next = colStart
        var byCol = [(entry: Int, levelEnd: Int)](repeating: (0, 0), count: rws.count)
        for j in 0..<mA {
            for e in st[j]..<st[j + 1] { byCol[next[rws[e]]] = (e, st[j + 1]); next[rws[e]] += 1 }
        }
        byColumnStart = colStart
        byColumn = byCol
        nested = isNested
        // Values, through a column → entry map reset per level.
        var vals = [Double](repeating: 0, count: rws.count * qA)
        var pos = [Int](repeating: -1, count: qB)
        for j in 0..<mA {
            for e in st[j]..<st[j + 1] { pos[rws[e]] = e }
            for r in first[j]..<first[j + 1] {
                let i = order[r]
                for (b, t) in others.enumerated() {
                    let c0 = offsets[b] + Int(t.levelIndex[i]) * t.width
                    for k in 0..<t.width {
                        let v = t.columns[k][i]
                        let e = pos[c0 + k] * qA
                        for m in 0..<qA { vals[e + m] += v * termA.columns[m][i] }
                    }
                }
            }
        }
        values = vals
        scaled = vals
    }

    /// W ← Λ_B' (Z_B'Z_A) T_A L_j^{-T} for every level j, given T_A, the factors L_j of term A
    /// (qA×qA lower, column-major, one after another) and the T factors of the B terms.
    mutating func update(tA: [Double], lA: [Double], tB: [[Double]]) {
        let qA = self.qA
        var out: [Double] = []
        swap(&out, &scaled)
        defer { swap(&out, &scaled) }
        out.withUnsafeMutableBufferPointer { W in
            values.withUnsafeBufferPointer { V in
                lA.withUnsafeBufferPointer { L in
                    tA.withUnsafeBufferPointer { T in
                        if qA == 1 {
                            let t = T[0]
                            for j in 0..<levels {
                                let f = t / L[j]
                                for e in start[j]..<start[j + 1] { W[e] = V[e] * f }
                            }
                        } else {
                            for j in 0..<levels {
                                let l = L.baseAddress! + j * qA * qA
                                for e in start[j]..<start[j + 1] {
                                    let v = V.baseAddress! + e * qA, w = W.baseAddress! + e * qA
                                    DenseKernels.timesFactor(v, rows: 1, T.baseAddress!, qA, into: w)
                                    DenseKernels.forwardSolve(l, qA, w, stride: 1)
                                }
                            }
                        }
                    }
                }
            }
            applyLambdaBTransposed(W, tB: tB)
        }
    }

    /// Rows ← T_b' rows within each group of one term's level (the entries of a group are
    /// consecutive: a level's columns come in together).
    private func applyLambdaBTransposed(_ W: UnsafeMutableBufferPointer<Double>, tB: [[Double]]) {
        let qA = self.qA
        var e = 0
        while e < rows.count {
            let b = termOfColumn[rows[e]]
            let t = tB[b]
            let q = widths[b]
            if q == 1 {
                let f = t[0]
                for m in 0..<qA { W[e * qA + m] *= f }
            } else {
                for k in 0..<q {
                    for m in 0..<qA {
                        var s = 0.0
                        for r in k..<q { s += t[k * q + r] * W[(e + r) * qA + m] }
                        W[(e + k) * qA + m] = s
                    }
                }
            }
            e += q
        }
    }
}
