import CLapack

/// Finds which design columns are linear combinations of earlier ones, for a
/// clear rank-deficiency message ("'x2' is aliased with Intercept, x").
enum Aliasing {
    /// For each aliased column (design order), the earlier kept columns it depends on.
    static func aliased(design x: DesignMatrix) -> [(column: Int, dependsOn: [Int])] {
        let n = x.rowCount, p = x.columnCount
        guard p > 0, n > 0 else { return [] }
        var gram = [Double](repeating: 0, count: p * p)
        x.values.withUnsafeBufferPointer { xp in
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(n), 1.0, xp.baseAddress, Int32(n), 0.0, &gram, Int32(p))
        }
        func g(_ i: Int, _ j: Int) -> Double { i <= j ? gram[j * p + i] : gram[i * p + j] }
        var kept: [Int] = []
        var out: [(Int, [Int])] = []
        for j in 0..<p {
            let gjj = g(j, j)
            if gjj == 0 { out.append((j, [])); continue }
            if kept.isEmpty { kept.append(j); continue }
            // Solve G_kk b = G_kj by least squares (small system).
            let m = kept.count
            var a = [Double](repeating: 0, count: m * m)
            var b = [Double](repeating: 0, count: m)
            for (ci, c) in kept.enumerated() {
                b[ci] = g(c, j)
                for (ri, r) in kept.enumerated() { a[ci * m + ri] = g(r, c) }
            }
            let rhs = b
            let info = LAPACKE_dposv(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(m), 1, &a, Int32(m), &b, Int32(m))
            if info != 0 { kept.append(j); continue }
            var explained = 0.0
            for k in 0..<m { explained += b[k] * rhs[k] }
            let residual = gjj - explained
            if residual <= 1e-9 * gjj {
                let scale = b.map(abs).max() ?? 0
                let deps = kept.enumerated().filter { abs(b[$0.offset]) > 1e-8 * max(scale, 1e-300) }.map(\.element)
                out.append((j, deps))
            } else {
                kept.append(j)
            }
        }
        return out
    }

    /// A message naming the aliased columns, e.g.
    /// "the design matrix is rank deficient: 'x2' is a linear combination of Intercept, x (aliased); remove it".
    static func message(design x: DesignMatrix, pivotFallback: [Int]) -> String {
        let names = x.columnNames
        let found = aliased(design: x)
        if found.isEmpty {
            let cols = pivotFallback.map { "'\(names[$0])'" }.joined(separator: ", ")
            return "the design matrix is rank deficient: \(cols) \(pivotFallback.count == 1 ? "is" : "are") aliased with other columns"
        }
        let parts = found.map { item -> String in
            if item.dependsOn.isEmpty { return "'\(names[item.column])' is all zeros" }
            return "'\(names[item.column])' is a linear combination of \(item.dependsOn.map { names[$0] }.joined(separator: ", "))"
        }
        return "the design matrix is rank deficient (aliased columns): " + parts.joined(separator: "; ")
    }
}
