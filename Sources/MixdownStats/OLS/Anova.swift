/// A type-II ANOVA table (statsmodels' `anova_lm(fit, typ=2)`): each term is
/// tested after every other term except those that contain it.
public struct AnovaTable: Sendable, CustomStringConvertible {
    /// One line: a term (or `Residual`).
    public struct Row: Hashable, Sendable {
        public let term: String
        public let sumSq: Double
        public let df: Double
        /// nil on the `Residual` row.
        public let fValue: Double?
        public let pValue: Double?
    }

    public let rows: [Row]

    /// A fixed-width text table: `sum_sq  df  F  PR(>F)`.
    public var description: String {
        let stub = max(8, (rows.map(\.term.count).max() ?? 0) + 2)
        var lines = [NumberFormat.left("", stub) + ["sum_sq", "df", "F", "PR(>F)"].map { NumberFormat.right($0, 14) }.joined()]
        for r in rows {
            let cells = [NumberFormat.forg(r.sumSq, 6), NumberFormat.fixed(r.df, 1),
                         r.fValue.map { NumberFormat.forg($0, 6) } ?? "NaN",
                         r.pValue.map { String(format: "%.6g", locale: nil, $0) } ?? "NaN"]
            lines.append(NumberFormat.left(r.term, stub) + cells.map { NumberFormat.right($0, 14) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension OLSFit {
    /// The type-II ANOVA table of this fit (terms in design order, then `Residual`).
    public func anova() throws -> AnovaTable {
        let spec = design.spec
        var rows: [AnovaTable.Row] = []
        for (i, term) in spec.terms.enumerated() where !term.factors.isEmpty {
            let own = Set(term.factors)
            var higher: [Int] = []
            for (k, other) in spec.terms.enumerated() where k != i {
                let set = Set(other.factors)
                if set.isStrictSuperset(of: own) { higher += Array(spec.termColumns[k]) }
            }
            let ownColumns = Array(spec.termColumns[i])
            let m2 = (0..<design.columnCount).filter { !higher.contains($0) }
            let m1 = m2.filter { !ownColumns.contains($0) }
            let ss = try residualSumOfSquares(columns: m1) - residualSumOfSquares(columns: m2)
            let df = Double(ownColumns.count)
            let f = ss / df / mseResid
            rows.append(AnovaTable.Row(term: spec.termNames[i], sumSq: ss, df: df, fValue: f,
                                       pValue: Distributions.fSF(f, df1: df, df2: dfResid)))
        }
        rows.append(AnovaTable.Row(term: "Residual", sumSq: ssr, df: dfResid, fValue: nil, pValue: nil))
        return AnovaTable(rows: rows)
    }

    /// SSR of the response regressed on a subset of the design columns.
    private func residualSumOfSquares(columns: [Int]) throws -> Double {
        let n = nobs
        if columns.isEmpty { return response.reduce(0) { $0 + $1 * $1 } }
        var x = [Double]()
        x.reserveCapacity(n * columns.count)
        for j in columns { x.append(contentsOf: design.column(j)) }
        let qr = try PivotedQR(columnMajor: x, rows: n, columns: columns.count)
        guard qr.rank == columns.count else { throw ModelError(.fit, "a reduced ANOVA model is rank deficient") }
        let b = try qr.solve(response)
        var ssr = 0.0
        for i in 0..<n {
            var f = 0.0
            for (k, _) in columns.enumerated() { f += b[k] * x[k * n + i] }
            ssr += (response[i] - f) * (response[i] - f)
        }
        return ssr
    }
}
