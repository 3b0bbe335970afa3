import Foundation
import MixdownStats

/// R's `summary(lm(...))` layout for OLS models (`summary(m, style = "lme4")`); the other
/// summaries come from the statistics library (`OLSFit.summary()`, `MixedSummary`).
/// Deterministic: no dates or times.
enum Summary {
    // MARK: Helpers

    static func f(_ x: Double, _ decimals: Int) -> String {
        x.isFinite ? String(format: "%.\(decimals)f", x) : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
    }

    static func g(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)g", x) }

    static func right(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
    static func left(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }

    /// A table with a left-aligned name column and right-aligned value columns.
    static func grid(_ columns: [String], _ rows: [(String, [String])], nameWidth: Int, width: Int) -> [String] {
        func line(_ name: String, _ cells: [String]) -> String {
            (left(name, nameWidth) + cells.map { right($0, width) }.joined())
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return [line("", columns)] + rows.map { line($0.0, $0.1) }
    }

    /// Quantile type 7 (R's default and numpy's), for residual summaries.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    static func fiveNumbers(_ values: [Double]) -> [String] {
        let s = values.sorted()
        let q = [0, 0.25, 0.5, 0.75, 1].map { quantile(s, $0) }
        return [
            ["Min", "1Q", "Median", "3Q", "Max"].map { right($0, 9) }.joined(),
            q.map { right(g($0, 4), 9) }.joined(),
        ]
    }

    static func stars(_ p: Double) -> String {
        p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : ""
    }

    static func rP(_ p: Double) -> String { p < 2e-16 ? "< 2e-16" : g(p, 3) }

    // MARK: OLS

    static func olsLme4(_ fit: OLSFit, formula: String) -> String {
        var lines = ["Call:", "lm(formula = \(formula))", "", "Residuals:"]
        lines += fiveNumbers(fit.residuals)
        lines += ["", "Coefficients:"]
        let rows = fit.coefficients.map { c in
            (c.name == "Intercept" ? "(Intercept)" : c.name,
             [g(c.estimate, 5), g(c.stdErr, 5), f(c.stat, 3), rP(c.pValue), " " + left(stars(c.pValue), 3)])
        }
        let nameWidth = max(12, (rows.map { $0.0.count }.max() ?? 0) + 1)
        lines += grid(["Estimate", "Std. Error", "t value", "Pr(>|t|)", ""], rows, nameWidth: nameWidth, width: 11)
        lines.append("---")
        lines.append("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1")
        lines.append("")
        lines.append("Residual standard error: \(g(fit.rmse, 4)) on \(Int(fit.dfResid)) degrees of freedom")
        let n = Double(fit.nobs)
        let adj = 1 - (1 - fit.rsquared) * (n - (fit.hasConstant ? 1 : 0)) / fit.dfResid
        lines.append("Multiple R-squared:  \(g(fit.rsquared, 4)),  Adjusted R-squared:  \(g(adj, 4))")
        if let fv = fit.fvalue, let p = fit.fPValue {
            lines.append("F-statistic: \(g(fv, 4)) on \(Int(fit.dfModel)) and \(Int(fit.dfResid)) DF,  p-value: \(rP(p))")
        }
        return lines.joined(separator: "\n")
    }
}
