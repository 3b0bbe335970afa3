/// One row of lme4's `VarCorr` table: a random effect of a grouping factor (or the residual),
/// its variance and standard deviation, and its correlations with the effects above it in the
/// same term.
public struct VarianceComponentRow: Sendable, Equatable {
    /// The grouping factor on the term's first row, "" on the following rows, "Residual" last.
    public var group: String
    /// The grouping factor of every row (including the continuation rows).
    public var factor: String
    /// lme4's name: `(Intercept)`, `Days`; "" for the residual.
    public var name: String
    public var variance: Double
    public var standardDeviation: Double
    /// Correlations with the term's earlier effects (empty for the first and for `||` terms).
    public var correlations: [Double]
}

extension LinearMixedModelFit {
    /// lme4's `VarCorr`: every effect of every term in lme4's order (terms by decreasing number
    /// of levels), the residual last.
    public var varianceComponents: [VarianceComponentRow] {
        let order = randomEffects.indices.sorted {
            let a = groupSizes[$0].levels, b = groupSizes[$1].levels
            return a != b ? a > b : $0 < $1
        }
        var rows: [VarianceComponentRow] = []
        for t in order {
            let re = randomEffects[t]
            for i in re.names.indices {
                rows.append(VarianceComponentRow(
                    group: i == 0 ? re.group : "", factor: re.group, name: Self.lme4Name(re.names[i]),
                    variance: re.covariance[i][i], standardDeviation: re.covariance[i][i].squareRoot(),
                    correlations: re.correlated ? (0..<i).map { re.correlation(i, $0) } : []))
            }
        }
        rows.append(VarianceComponentRow(group: "Residual", factor: "Residual", name: "", variance: residualVariance,
                                         standardDeviation: residualVariance.squareRoot(), correlations: []))
        return rows
    }

    /// `(Intercept)` for `Intercept`, other names unchanged.
    static func lme4Name(_ s: String) -> String { s == "Intercept" ? "(Intercept)" : s }
}
