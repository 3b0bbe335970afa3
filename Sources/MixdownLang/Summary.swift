import Foundation
import MixdownStats

/// Text summaries of fitted models, laid out as statsmodels prints them (`summary(m)`; the OLS
/// one comes from the statistics library) or as R prints them (`summary(m, style = "lme4")`).
/// Deterministic: no dates or times.
enum Summary {
    // MARK: Helpers

    static func f(_ x: Double, _ decimals: Int) -> String {
        x.isFinite ? String(format: "%.\(decimals)f", x) : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
    }

    static func g(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)g", x) }

    static func right(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
    static func left(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }

    /// Two header blocks side by side, each "label   value" justified to `half` characters.
    static func header(_ pairs: [(String, String, String, String)], half: Int) -> [String] {
        pairs.map { a, b, c, d in
            let l = a.isEmpty ? String(repeating: " ", count: half) : a + right(b, half - a.count)
            let r = c.isEmpty ? "" : c + right(d, half - c.count)
            return (l + "   " + r).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

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

    // MARK: Mixed models

    /// Python's `str.center`: the extra space goes right unless both the padding and the
    /// width are odd.
    static func center(_ s: String, _ w: Int) -> String {
        let pad = w - s.count
        guard pad > 0 else { return s }
        let leftPad = pad / 2 + (pad & w & 1)
        return String(repeating: " ", count: leftPad) + s + String(repeating: " ", count: pad - leftPad)
    }

    /// One statsmodels `SimpleTable` in text: optional header row (centred), optional stub
    /// column (left-aligned), data cells aligned left or right, columns joined by `colsep`.
    static func simpleTable(header: [String]?, stubs: [String]?, cells: [[String]], alignRight: Bool,
                            colsep: String) -> [String] {
        var rows = cells
        var head = header
        if let stubs {
            rows = zip(stubs, cells).map { [$0] + $1 }
            head = header.map { [""] + $0 }
        }
        let n = rows.first?.count ?? head?.count ?? 0
        var widths = [Int](repeating: 0, count: n)
        for r in rows + (head.map { [$0] } ?? []) { for (j, c) in r.enumerated() where j < n { widths[j] = max(widths[j], c.count) } }
        var lines: [String] = []
        if let head {
            lines.append(head.enumerated().map { center($1, widths[$0]) }.joined(separator: colsep))
        }
        for r in rows {
            lines.append(r.enumerated().map { j, c in
                (stubs != nil && j == 0) || !alignRight ? left(c, widths[j]) : right(c, widths[j])
            }.joined(separator: colsep))
        }
        return lines
    }

    /// statsmodels' `MixedLMResults.summary()` (summary2 layout), reproduced character for character.
    static func mixedStatsmodels(_ fit: LinearMixedModelFit, formula: String) -> String {
        let sizes = fit.groupSizes.first
        let items: [(String, String)] = [
            ("Model:", "MixedLM"), ("No. Observations:", "\(fit.nobs)"), ("No. Groups:", "\(sizes?.levels ?? 0)"),
            ("Min. group size:", "\(sizes?.min ?? 0)"), ("Max. group size:", "\(sizes?.max ?? 0)"),
            ("Mean group size:", f(sizes?.mean ?? 0, 1)), ("Dependent Variable:", fit.responseName),
            ("Method:", fit.method == .reml ? "REML" : "ML"), ("Scale:", f(fit.residualVariance, 4)),
            ("Log-Likelihood:", f(fit.logLikelihood, 4)), ("Converged:", fit.converged ? "Yes" : "No"),
        ]
        let padded = items + (items.count % 2 == 1 ? [("", "")] : [])
        let half = padded.count / 2
        let info = (0..<half).map { [padded[$0].0, padded[$0].1, padded[half + $0].0, padded[half + $0].1] }

        var names: [String] = []
        var cells: [[String]] = []
        for c in fit.fixed {
            names.append(c.name)
            cells.append([f(c.estimate, 3), f(c.stderr, 3), f(c.z, 3), f(c.pValue, 3), f(c.ciLow, 3), f(c.ciHigh, 3)])
        }
        if let params = fit.statsmodelsParameters {
            for p in params {
                names.append(p.name)
                cells.append([f(p.dataScale, 3), f(p.stderrSummary, 3), "", "", "", ""])
            }
        } else {
            for re in fit.randomEffects {
                for (i, name) in re.names.enumerated() {
                    names.append("\(re.group) \(name) Var")
                    cells.append([f(re.covariance[i][i], 3), "", "", "", "", ""])
                }
            }
        }
        let header = ["Coef.", "Std.Err.", "z", "P>|z|", "[0.025", "0.975]"]

        // summary2's _measure_tables: widen the narrower table's separators, then its first column.
        let infoLength = simpleTable(header: nil, stubs: nil, cells: info, alignRight: false, colsep: " ")[0].count
        let coefLength = simpleTable(header: header, stubs: names, cells: cells, alignRight: true, colsep: " ")[0].count
        let widest = max(infoLength, coefLength)
        func padding(_ length: Int, columns: Int) -> (sep: Int, index: Int) {
            let nsep = max(columns - 1, 1)
            let pad = (widest - length) / nsep
            return (pad, widest - (length + nsep * pad))
        }
        let infoPad = padding(infoLength, columns: 4)
        let coefPad = padding(coefLength, columns: 6)
        let infoRows = info.map { r in [r[0] + String(repeating: " ", count: infoPad.index)] + r.dropFirst() }
        let infoText = simpleTable(header: nil, stubs: nil, cells: infoRows, alignRight: false,
                                   colsep: String(repeating: " ", count: infoPad.sep + 1))
        let coefText = simpleTable(header: header, stubs: names.map { $0 + String(repeating: " ", count: coefPad.index) },
                                   cells: cells, alignRight: true, colsep: String(repeating: " ", count: coefPad.sep + 1))
        let title = "Mixed Linear Model Regression Results"
        var lines = [String(repeating: " ", count: max(0, Int(Double(widest) / 2 - Double(title.count) / 2))) + title]
        lines.append(String(repeating: "=", count: widest))
        lines += infoText
        lines.append(String(repeating: "-", count: coefText[0].count))
        lines.append(coefText[0])
        lines.append(String(repeating: "-", count: coefText[0].count))
        lines += coefText.dropFirst()
        lines.append(String(repeating: "=", count: widest))
        return lines.joined(separator: "\n") + "\n"
    }

    static func mixedLme4(_ fit: LinearMixedModelFit, formula: String, parsed: Formula) -> String {
        let reml = fit.method == .reml
        var lines = ["Linear mixed model fit by \(reml ? "REML" : "maximum likelihood")",
                     "Formula: \(formula)", ""]
        if reml {
            lines.append("REML criterion at convergence: \(f(fit.criterion, 1))")
        } else {
            lines.append("     AIC      BIC   logLik deviance")
            lines.append([fit.aic, fit.bic, fit.logLikelihood, fit.criterion].map { right(f($0, 1), 9) }.joined())
        }
        lines += ["", "Scaled residuals:"]
        let sigma = fit.residualVariance.squareRoot()
        lines += fiveNumbers(fit.residuals.map { $0 / sigma })
        lines += ["", "Random effects:"]
        var reRows: [[String]] = [["Groups", "Name", "Variance", "Std.Dev.", "Corr"]]
        for re in fit.randomEffects {
            for (i, name) in re.names.enumerated() {
                let corr = (0..<i).map { f(re.correlation(i, $0), 2) }.joined(separator: " ")
                reRows.append([i == 0 ? re.group : "", name == "Intercept" ? "(Intercept)" : name,
                               g(re.covariance[i][i], 4), g(re.covariance[i][i].squareRoot(), 4), corr])
            }
        }
        reRows.append(["Residual", "", g(fit.residualVariance, 4), g(sigma, 4), ""])
        var widths = [Int](repeating: 0, count: 5)
        for r in reRows { for (j, c) in r.enumerated() { widths[j] = max(widths[j], c.count) } }
        for r in reRows {
            lines.append((" " + r.enumerated().map { left($1, widths[$0]) }.joined(separator: " "))
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
        }
        let groups = fit.groupSizes.map { "\($0.group), \($0.levels)" }.joined(separator: "; ")
        lines.append("Number of obs: \(fit.nobs), groups:  \(groups)")
        lines += ["", "Fixed effects:"]
        let rows = fit.fixed.enumerated().map { i, c -> (String, [String]) in
            let se = fit.fixedCovarianceGLS[i][i].squareRoot()
            return (c.name == "Intercept" ? "(Intercept)" : c.name, [g(c.estimate, 5), g(se, 5), f(c.estimate / se, 3)])
        }
        let nameWidth = max(12, (rows.map { $0.0.count }.max() ?? 0) + 1)
        lines += grid(["Estimate", "Std. Error", "t value"], rows, nameWidth: nameWidth, width: 11)
        if fit.singular {
            lines += ["", "boundary (singular) fit: see help('isSingular')"]
        }
        return lines.joined(separator: "\n")
    }
}
