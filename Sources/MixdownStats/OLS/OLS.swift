import Foundation

/// Ordinary least squares, as statsmodels' `smf.ols(formula, data).fit()`.
public enum OLS {
    /// Fits `formula` (no random-effect terms) to `data`. Rows with a missing
    /// value in a used column are dropped (see ``OLSFit/droppedRows``).
    public static func fit(_ formula: String, data: DataFrame) throws -> OLSFit {
        try fit(Formula(formula), data: data)
    }

    /// Fits a parsed formula (no random-effect terms) to `data`.
    public static func fit(_ formula: Formula, data: DataFrame) throws -> OLSFit {
        guard !formula.hasRandomEffects else {
            throw ModelError(.input, "OLS cannot fit the random-effect term \(formula.random[0]); use a mixed model")
        }
        guard formula.response != nil else {
            throw ModelError(.input, "the formula has no response (nothing left of '~')")
        }
        let frame = try ModelFrame(formula: formula, data: data)
        return try fit(response: frame.response!, design: frame.fixedDesign,
                       responseName: frame.responseName ?? "y", modelFrame: frame)
    }

    /// Fits `response` on the columns of `design` (no formula needed).
    public static func fit(response y: [Double], design x: DesignMatrix, responseName: String = "y") throws -> OLSFit {
        try fit(response: y, design: x, responseName: responseName, modelFrame: nil)
    }

    static func fit(response y: [Double], design x: DesignMatrix, responseName: String,
                    modelFrame: ModelFrame?) throws -> OLSFit {
        let n = x.rowCount, p = x.columnCount
        guard y.count == n else { throw ModelError(.input, "the response has \(y.count) values but the design has \(n) rows") }
        guard p > 0 else { throw ModelError(.input, "the model has no columns (no intercept and no terms)") }
        guard n > p else {
            throw ModelError(.fit, "too few observations: \(n) row\(n == 1 ? "" : "s") for \(p) coefficient\(p == 1 ? "" : "s") leaves no residual degrees of freedom")
        }
        let qr = try PivotedQR(columnMajor: x.values, rows: n, columns: p)
        if qr.rank < p {
            throw ModelError(.input, Aliasing.message(design: x, pivotFallback: Array(qr.pivot[qr.rank...]).sorted()))
        }
        let beta = try qr.solve(y)
        let inv = try qr.inverseGram()

        // Fitted values and residuals.
        var fitted = [Double](repeating: 0, count: n)
        x.values.withUnsafeBufferPointer { xv in
            fitted.withUnsafeMutableBufferPointer { f in
                for j in 0..<p {
                    let b = beta[j]
                    let col = xv.baseAddress! + j * n
                    for i in 0..<n { f[i] += b * col[i] }
                }
            }
        }
        var resid = [Double](repeating: 0, count: n)
        var ssr = 0.0
        for i in 0..<n {
            let r = y[i] - fitted[i]
            resid[i] = r
            ssr += r * r
        }
        let hasConstant = try OLS.hasConstant(x, qr: qr)
        let mean = y.reduce(0, +) / Double(n)
        var tss = 0.0
        if hasConstant {
            for v in y { tss += (v - mean) * (v - mean) }
        } else {
            for v in y { tss += v * v }
        }
        let kConst = hasConstant ? 1.0 : 0.0
        let dfResid = Double(n - p)
        let dfModel = Double(p) - kConst
        return OLSFit(responseName: responseName, design: x, response: y, modelFrame: modelFrame,
                      params: beta, normalizedCov: inv, fitted: fitted, residuals: resid,
                      ssr: ssr, tss: tss, hasConstant: hasConstant, dfModel: dfModel, dfResid: dfResid)
    }

    /// statsmodels' `k_constant`: a constant column, or a constant implied by
    /// the columns (e.g. full dummy coding without intercept).
    private static func hasConstant(_ x: DesignMatrix, qr: PivotedQR) throws -> Bool {
        let n = x.rowCount
        for j in 0..<x.columnCount {
            let c = x.column(j)
            if let first = c.first, first != 0, c.allSatisfy({ $0 == first }) { return true }
        }
        // Implicit constant: the ones vector lies in the column space.
        let ones = [Double](repeating: 1, count: n)
        let b = try qr.solve(ones)
        var ssr = 0.0
        for i in 0..<n {
            var f = 0.0
            for j in 0..<x.columnCount { f += b[j] * x[i, j] }
            ssr += (1 - f) * (1 - f)
        }
        return ssr <= 1e-10 * Double(n)
    }
}
