import Foundation

/// The result of an OLS fit, with the numbers statsmodels' `OLSResults` gives
/// (same names in snake case there: `params`, `bse`, `tvalues`, `pvalues`,
/// `conf_int()`, `df_resid`, `mse_resid`, `rsquared`, `fvalue`, `llf`, `aic`, `bic`).
public struct OLSFit: Sendable {
    /// The response name (e.g. `score`).
    public let responseName: String
    /// The design matrix used (kept rows only).
    public let design: DesignMatrix
    /// The response on the kept rows.
    public let response: [Double]
    /// The model frame when fitted from a formula (rows kept, rows dropped).
    public let modelFrame: ModelFrame?
    /// Coefficients, in design-column order (see ``names``).
    public let params: [Double]
    /// `(X'X)^{-1}` (p × p column-major); times ``scale`` gives the covariance of ``params``.
    public let normalizedCov: [Double]
    public let fitted: [Double]
    public let residuals: [Double]
    /// Sum of squared residuals.
    public let ssr: Double
    /// Total sum of squares: centred around the mean if the model has a constant, else uncentred.
    public let tss: Double
    /// Whether the design has a constant (explicit or implied), statsmodels' `k_constant`.
    public let hasConstant: Bool
    public let dfModel: Double
    public let dfResid: Double

    /// Coefficient names (design column names).
    public var names: [String] { design.columnNames }
    /// Number of observations used.
    public var nobs: Int { design.rowCount }
    /// Rows dropped for a missing value (0 when not fitted from a formula).
    public var droppedRows: Int { modelFrame?.droppedRows ?? 0 }
    /// Residual variance estimate SSR / df_resid (statsmodels' `scale` and `mse_resid`).
    public var scale: Double { ssr / dfResid }
    public var mseResid: Double { scale }
    /// sqrt(SSR / df_resid).
    public var rmse: Double { scale.squareRoot() }
    /// Explained sum of squares (TSS − SSR).
    public var ess: Double { tss - ssr }
    public var mseModel: Double { ess / dfModel }
    public var rsquared: Double { 1 - ssr / tss }
    public var rsquaredAdj: Double {
        1 - (Double(nobs) - (hasConstant ? 1 : 0)) / dfResid * (1 - rsquared)
    }
    /// The overall F statistic (nil when the model has only a constant, as statsmodels' NaN/None).
    public var fvalue: Double? { dfModel > 0 ? mseModel / mseResid : nil }
    public var fPValue: Double? { fvalue.map { Distributions.fSF($0, df1: dfModel, df2: dfResid) } }
    /// Gaussian log-likelihood at the estimates.
    public var llf: Double {
        let n = Double(nobs)
        return -n / 2 * (log(2 * Double.pi) + log(ssr / n) + 1)
    }
    public var aic: Double { -2 * llf + 2 * (dfModel + (hasConstant ? 1 : 0)) }
    public var bic: Double { -2 * llf + log(Double(nobs)) * (dfModel + (hasConstant ? 1 : 0)) }

    /// Covariance matrix of the coefficients (p × p, column-major).
    public var covParams: [Double] { normalizedCov.map { $0 * scale } }
    /// Standard errors.
    public var bse: [Double] {
        let p = params.count
        return (0..<p).map { (normalizedCov[$0 * p + $0] * scale).squareRoot() }
    }
    public var tvalues: [Double] { zip(params, bse).map { $0 / $1 } }
    /// Two-sided p values from Student's t with `dfResid` degrees of freedom.
    public var pvalues: [Double] { tvalues.map { Distributions.tTwoSidedP($0, df: dfResid) } }
    /// Lower and upper bounds of the (1 − alpha) confidence intervals.
    public func confidenceIntervals(alpha: Double = 0.05) -> (lower: [Double], upper: [Double]) {
        let q = Distributions.tQuantile(1 - alpha / 2, df: dfResid)
        let se = bse
        return (zip(params, se).map { $0 - q * $1 }, zip(params, se).map { $0 + q * $1 })
    }

    /// Index of the coefficient `name`; throws with a suggestion when unknown.
    public func index(of name: String) throws -> Int {
        guard let i = names.firstIndex(of: name) else {
            var text = "unknown coefficient '\(name)'"
            if let s = closestName(to: name, in: names) { text += " (did you mean '\(s)'?)" }
            else { text += " (coefficients: \(names.joined(separator: ", ")))" }
            throw ModelError(.input, text)
        }
        return i
    }

    /// One coefficient's row of the coefficient table.
    public func coefficient(_ name: String) throws -> CoefficientRow {
        let i = try index(of: name)
        let ci = confidenceIntervals()
        return CoefficientRow(name: name, estimate: params[i], stdErr: bse[i], stat: tvalues[i],
                              pValue: pvalues[i], ciLow: ci.lower[i], ciHigh: ci.upper[i])
    }

    /// The coefficient table, one row per design column.
    public var coefficients: [CoefficientRow] {
        let ci = confidenceIntervals()
        let (b, se, t, pv) = (params, bse, tvalues, pvalues)
        return names.indices.map {
            CoefficientRow(name: names[$0], estimate: b[$0], stdErr: se[$0], stat: t[$0], pValue: pv[$0],
                           ciLow: ci.lower[$0], ciHigh: ci.upper[$0])
        }
    }

    /// Predictions for new data (same columns as the fitting data), with the
    /// (1 − alpha) confidence interval of the mean — the regression band.
    /// Rows of `data` with a missing value in a used column are dropped.
    public func predict(_ data: DataFrame, alpha: Double = 0.05) throws -> [Prediction] {
        let (x, _) = try design.spec.matrix(for: data)
        return predict(design: x, alpha: alpha)
    }

    /// Predictions for rows of a design matrix built with this fit's coding.
    public func predict(design x: DesignMatrix, alpha: Double = 0.05) -> [Prediction] {
        let p = params.count
        let q = Distributions.tQuantile(1 - alpha / 2, df: dfResid)
        let cov = covParams
        var out: [Prediction] = []
        out.reserveCapacity(x.rowCount)
        for i in 0..<x.rowCount {
            let row = x.row(i)
            var mean = 0.0
            for j in 0..<p { mean += row[j] * params[j] }
            var v = 0.0
            for a in 0..<p { for b in 0..<p { v += row[a] * cov[b * p + a] * row[b] } }
            let se = max(v, 0).squareRoot()
            out.append(Prediction(mean: mean, stdErr: se, lower: mean - q * se, upper: mean + q * se))
        }
        return out
    }
}

/// One row of a coefficient table (estimate, standard error, test statistic,
/// p value, 95 % confidence interval).
public struct CoefficientRow: Hashable, Sendable {
    public let name: String
    public let estimate: Double
    public let stdErr: Double
    /// t for OLS (z for mixed models).
    public let stat: Double
    public let pValue: Double
    public let ciLow: Double
    public let ciHigh: Double

    public init(name: String, estimate: Double, stdErr: Double, stat: Double, pValue: Double, ciLow: Double, ciHigh: Double) {
        self.name = name
        self.estimate = estimate
        self.stdErr = stdErr
        self.stat = stat
        self.pValue = pValue
        self.ciLow = ciLow
        self.ciHigh = ciHigh
    }
}

/// A predicted mean with its standard error and confidence interval.
public struct Prediction: Hashable, Sendable {
    public let mean: Double
    public let stdErr: Double
    public let lower: Double
    public let upper: Double
}
