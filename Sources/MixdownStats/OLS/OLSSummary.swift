extension OLSFit {
    /// A statsmodels-style text summary: model statistics, then the coefficient
    /// table (coef, std err, t, P>|t|, 95 % CI). Deterministic (no date or time).
    public func summary() -> String {
        let width = 78
        let rule = String(repeating: "=", count: width)
        func pair(_ l: String, _ lv: String, _ r: String, _ rv: String) -> String {
            let left = NumberFormat.left(l, 20) + NumberFormat.right(lv, 19)
            return NumberFormat.left(left, 39) + "   " + NumberFormat.left(r, 20) + NumberFormat.right(rv, 16)
        }
        let title = "OLS Regression Results"
        var lines: [String] = []
        lines.append(String(repeating: " ", count: (width - title.count) / 2) + title)
        lines.append(rule)
        lines.append(pair("Dep. Variable:", responseName, "R-squared:", NumberFormat.fixed(rsquared, 3)))
        lines.append(pair("Model:", "OLS", "Adj. R-squared:", NumberFormat.fixed(rsquaredAdj, 3)))
        lines.append(pair("Method:", "Least Squares", "F-statistic:", fvalue.map { NumberFormat.forg($0, 3) } ?? "nan"))
        lines.append(pair("No. Observations:", String(nobs), "Prob (F-statistic):",
                          fPValue.map { NumberFormat.forg($0, 3) } ?? "nan"))
        lines.append(pair("Df Residuals:", NumberFormat.json(dfResid), "Log-Likelihood:", NumberFormat.fixed(llf, 2)))
        lines.append(pair("Df Model:", NumberFormat.json(dfModel), "AIC:", NumberFormat.forg(aic, 1)))
        lines.append(pair("Covariance Type:", "nonrobust", "BIC:", NumberFormat.forg(bic, 1)))
        lines.append(rule)
        lines.append(contentsOf: Self.coefficientTable(coefficients, statName: "t", pName: "P>|t|", width: width))
        lines.append(rule)
        if droppedRows > 0 {
            lines.append("Note: \(droppedRows) row\(droppedRows == 1 ? "" : "s") with a missing value dropped.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The coefficient block of a summary (header, rule, one line per coefficient).
    static func coefficientTable(_ rows: [CoefficientRow], statName: String, pName: String, width: Int) -> [String] {
        let stub = max(10, (rows.map(\.name.count).max() ?? 0) + 1)
        let valueWidth = 10
        var lines = [NumberFormat.left("", stub) + ["coef", "std err", statName, pName, "[0.025", "0.975]"]
            .map { NumberFormat.right($0, valueWidth) }.joined()]
        lines.append(String(repeating: "-", count: max(width, stub + 6 * valueWidth)))
        for r in rows {
            let cells = [NumberFormat.forg(r.estimate, 4), NumberFormat.forg(r.stdErr, 3), NumberFormat.forg(r.stat, 3),
                         NumberFormat.fixed(r.pValue, 3), NumberFormat.forg(r.ciLow, 3), NumberFormat.forg(r.ciHigh, 3)]
            lines.append(NumberFormat.left(r.name, stub) + cells.map { NumberFormat.right($0, valueWidth) }.joined())
        }
        return lines
    }
}
