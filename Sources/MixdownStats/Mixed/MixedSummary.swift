import Foundation

/// Text summaries of a linear mixed model fit in the layouts students meet elsewhere:
/// statsmodels' `MixedLMResults.summary()` and lme4's `print(summary(fit))`.
public enum MixedSummary {
    // MARK: statsmodels

    /// statsmodels-style summary: the information block, then Coef./Std.Err./z/P>|z|/CI rows for
    /// the fixed effects and the variance rows (`Group Var`, data scale, with statsmodels'
    /// summary standard errors when they are available).
    public static func statsmodels(_ fit: LinearMixedModelFit) -> String {
        let f3 = { (x: Double) in NumberFormat.fixed(x, 3) }
        let first = fit.groupSizes.first
        let left: [(String, String)] = [
            ("Model:", "MixedLM"),
            ("No. Observations:", String(fit.nobs)),
            ("No. Groups:", String(first?.levels ?? 0)),
            ("Min. group size:", String(first?.min ?? 0)),
            ("Max. group size:", String(first?.max ?? 0)),
            ("Mean group size:", NumberFormat.fixed(first?.mean ?? 0, 1)),
        ]
        let right: [(String, String)] = [
            ("Dependent Variable:", fit.responseName),
            ("Method:", fit.method == .reml ? "REML" : "ML"),
            ("Scale:", NumberFormat.fixed(fit.residualVariance, 4)),
            ("Log-Likelihood:", NumberFormat.fixed(fit.logLikelihood, 4)),
            ("Converged:", fit.converged ? "Yes" : "No"),
        ]
        var info: [[String]] = []
        for i in 0..<max(left.count, right.count) {
            let l = i < left.count ? left[i] : ("", "")
            let r = i < right.count ? right[i] : ("", "")
            info.append([l.0, l.1, r.0, r.1])
        }
        // Parameter rows: name, then six cells.
        var rows: [(String, [String])] = fit.fixed.map { f in
            (f.name, [f3(f.estimate), f3(f.stderr), NumberFormat.fixed(f.z, 3), f3(f.pValue), f3(f.ciLow), f3(f.ciHigh)])
        }
        if let sm = fit.statsmodelsParameters {
            for p in sm { rows.append((p.name, [f3(p.dataScale), f3(p.stderrSummary), "", "", "", ""])) }
        } else {
            for re in fit.randomEffects {
                for i in re.names.indices {
                    for k in 0...i where re.correlated || k == i {
                        let name = k == i ? "\(re.group) \(re.names[i]) Var" : "\(re.group) \(re.names[k]) x \(re.names[i]) Cov"
                        rows.append((name, [f3(re.covariance[i][k]), "", "", "", "", ""]))
                    }
                }
            }
        }
        let header = ["Coef.", "Std.Err.", "z", "P>|z|", "[0.025", "0.975]"]
        // Column widths, as statsmodels' SimpleTable measures them.
        let indexWidth = rows.map { $0.0.count }.max() ?? 0
        let widths = header.indices.map { c in max(header[c].count, rows.map { $0.1[c].count }.max() ?? 0) }
        let infoWidths = (0..<4).map { c in info.map { $0[c].count }.max() ?? 0 }
        let paramsLength = indexWidth + widths.reduce(0, +) + widths.count
        let infoLength = infoWidths.reduce(0, +) + 3
        let width = max(paramsLength, infoLength)
        // Spread the slack the way statsmodels' summary2 does: evenly over the separators,
        // the remainder in front (index column / first column).
        let infoPad = (width - infoLength) / 3
        let infoIndexPad = width - (infoLength + 3 * infoPad)
        let paramPad = (width - paramsLength) / header.count
        let paramIndexPad = width - (paramsLength + header.count * paramPad)

        var out = ""
        let title = "Mixed Linear Model Regression Results"
        out += String(repeating: " ", count: max(0, (width - title.count) / 2)) + title + "\n"
        out += String(repeating: "=", count: width) + "\n"
        let infoSep = String(repeating: " ", count: 1 + infoPad)
        for r in info {
            out += NumberFormat.left(r[0], infoWidths[0] + infoIndexPad) + infoSep + NumberFormat.left(r[1], infoWidths[1])
                + infoSep + NumberFormat.left(r[2], infoWidths[2]) + infoSep + NumberFormat.left(r[3], infoWidths[3]) + "\n"
        }
        out += String(repeating: "-", count: width) + "\n"
        let sep = String(repeating: " ", count: 1 + paramPad)
        out += String(repeating: " ", count: indexWidth + paramIndexPad)
            + header.indices.map { sep + center(header[$0], widths[$0]) }.joined() + "\n"
        out += String(repeating: "-", count: width) + "\n"
        for (name, cells) in rows {
            out += NumberFormat.left(name, indexWidth + paramIndexPad)
                + cells.indices.map { sep + NumberFormat.right(cells[$0], widths[$0]) }.joined() + "\n"
        }
        out += String(repeating: "=", count: width) + "\n"
        return out
    }

    // MARK: lme4

    /// lme4-style summary: criterion, scaled residual quantiles, the random-effects table
    /// (Groups, Name, Variance, Std.Dev., Corr), the fixed-effects table (standard errors in the
    /// fit's convention, lme4's σ²(X'V⁻¹X)⁻¹ unless it uses statsmodels'; t value =
    /// Estimate / Std. Error) and their correlations.
    public static func lme4(_ fit: LinearMixedModelFit, formula: String, dataName: String = "data") -> String {
        var out = "Linear mixed model fit by \(fit.method == .reml ? "REML" : "maximum likelihood ") ['lmerMod']\n"
        out += "Formula: \(formula)\n   Data: \(dataName)\n\n"
        if fit.method == .reml {
            out += "REML criterion at convergence: \(rNumber(fit.criterion, decimals: 1))\n\n"
        } else {
            let cells = [("AIC", fit.aic), ("BIC", fit.bic), ("logLik", fit.logLikelihood), ("deviance", fit.criterion),
                         ("df.resid", Double(fit.nobs - fit.fixed.count - fit.theta.count - 1))]
            let vals = cells.map { rNumber($0.1, decimals: 1) }
            let w = cells.indices.map { max(cells[$0].0.count, vals[$0].count) }
            out += cells.indices.map { NumberFormat.right(cells[$0].0, w[$0]) }.joined(separator: " ") + " \n"
            out += vals.indices.map { NumberFormat.right(vals[$0], w[$0]) }.joined(separator: " ") + " \n\n"
        }
        // Scaled residuals.
        let sigma = fit.residualVariance.squareRoot()
        let scaled = fit.residuals.map { $0 / sigma }.sorted()
        let qs = [0, 0.25, 0.5, 0.75, 1].map { quantile(scaled, $0) }
        let qText = qs.map { NumberFormat.fixed($0, 4) }
        let qNames = ["Min", "1Q", "Median", "3Q", "Max"]
        let qw = max(qText.map(\.count).max() ?? 0, 6)
        out += "Scaled residuals: \n"
        out += qNames.map { NumberFormat.right($0, qw) }.joined(separator: " ") + " \n"
        out += qText.map { NumberFormat.right($0, qw) }.joined(separator: " ") + " \n\n"
        // Random effects.
        var groupCol: [String] = [], nameCol: [String] = [], variances: [Double] = [], sds: [Double] = []
        var corrs: [[String]] = []
        let anyCorr = fit.randomEffects.contains { $0.correlated && $0.names.count > 1 }
        for re in fit.randomEffects {
            for i in re.names.indices {
                groupCol.append(i == 0 ? re.group : "")
                nameCol.append(re.names[i] == "Intercept" ? "(Intercept)" : re.names[i])
                variances.append(re.covariance[i][i])
                sds.append(re.covariance[i][i].squareRoot())
                corrs.append(re.correlated ? (0..<i).map { NumberFormat.fixed(re.correlation(i, $0), 2) } : [])
            }
        }
        groupCol.append("Residual"); nameCol.append(""); variances.append(fit.residualVariance); sds.append(sigma); corrs.append([])
        // R pads a formatted column to a common width (numbers right-aligned), then the table
        // left-justifies each column under its header.
        func rightAligned(_ xs: [String]) -> [String] {
            let w = xs.map(\.count).max() ?? 0
            return xs.map { NumberFormat.right($0, w) }
        }
        var vText = rightAligned(rColumn(Array(variances), digits: 4)), sText = rightAligned(rColumn(Array(sds), digits: 4))
        let gw = max(6, groupCol.map(\.count).max() ?? 0), nw = max(4, nameCol.map(\.count).max() ?? 0)
        let vw = max(8, vText.map(\.count).max() ?? 0), sw = max(8, sText.map(\.count).max() ?? 0)
        vText = vText.map { NumberFormat.left($0, vw) }
        sText = sText.map { NumberFormat.left($0, sw) }
        let corrWidth = max(4, corrs.flatMap { $0 }.map(\.count).max() ?? 0)
        let corrColumns = corrs.map(\.count).max() ?? 0
        var head = " " + NumberFormat.left("Groups", gw) + " " + NumberFormat.left("Name", nw) + " "
            + NumberFormat.left("Variance", vw) + " " + NumberFormat.left("Std.Dev.", sw)
        if anyCorr {
            head += " " + NumberFormat.left("Corr", corrWidth)
                + String(repeating: " ", count: max(0, corrColumns - 1) * (corrWidth + 1))
        }
        out += "Random effects:\n" + head + "\n"
        for r in groupCol.indices {
            var line = " " + NumberFormat.left(groupCol[r], gw) + " " + NumberFormat.left(nameCol[r], nw) + " "
                + vText[r] + " " + sText[r]
            if anyCorr {
                let cells = (0..<max(corrColumns, 1)).map { $0 < corrs[r].count ? NumberFormat.right(corrs[r][$0], corrWidth)
                    : String(repeating: " ", count: corrWidth) }
                line += " " + cells.joined(separator: " ")
            }
            out += line + "\n"
        }
        out += "Number of obs: \(fit.nobs), groups:  "
            + fit.groupSizes.map { "\($0.group), \($0.levels)" }.joined(separator: "; ") + "\n\n"
        // Fixed effects.
        let names = fit.fixed.map { $0.name == "Intercept" ? "(Intercept)" : $0.name }
        // The model's standard-error convention (lme4's own unless the fit uses statsmodels').
        let se = fit.fixed.map(\.stderr)
        let est = fit.fixed.map(\.estimate)
        let joint = rColumn(est + se, digits: 4)
        let estText = Array(joint[0..<est.count]), seText = Array(joint[est.count...])
        let tText = rColumn(fit.fixed.indices.map { (est[$0] / se[$0] * 1000).rounded() / 1000 }, digits: 4)
        let fw = names.map(\.count).max() ?? 0
        let ew = max("Estimate".count, estText.map(\.count).max() ?? 0)
        let sew = max("Std. Error".count, seText.map(\.count).max() ?? 0)
        let tw = max("t value".count, tText.map(\.count).max() ?? 0)
        out += "Fixed effects:\n" + String(repeating: " ", count: fw) + " " + NumberFormat.right("Estimate", ew) + " "
            + NumberFormat.right("Std. Error", sew) + " " + NumberFormat.right("t value", tw) + "\n"
        for i in names.indices {
            out += NumberFormat.left(names[i], fw) + " " + NumberFormat.right(estText[i], ew) + " "
                + NumberFormat.right(seText[i], sew) + " " + NumberFormat.right(tText[i], tw) + "\n"
        }
        if names.count > 1 {
            let abbrev = names.map { $0 == "(Intercept)" ? "(Intr)" : String($0.prefix(6)) }
            let aw = max(6, abbrev.map(\.count).max() ?? 0)
            let rw = names.dropFirst().map(\.count).max() ?? 0
            out += "\nCorrelation of Fixed Effects:\n" + String(repeating: " ", count: rw) + " "
                + abbrev.dropLast().map { NumberFormat.left($0, aw) }.joined(separator: " ") + "\n"
            let v = fit.fixedCovariance
            for i in 1..<names.count {
                let cells = (0..<i).map { k in NumberFormat.right(NumberFormat.fixed(v[i][k] / (v[i][i] * v[k][k]).squareRoot(), 3), aw) }
                out += NumberFormat.left(names[i], rw) + " " + cells.joined(separator: " ") + "\n"
            }
        }
        if fit.singular { out += "boundary (singular) fit\n" }
        for w in fit.warnings { out += "Warning: \(w)\n" }
        return out
    }

    /// Python's `str.center`: the extra space goes right unless both the padding and the width are odd.
    static func center(_ s: String, _ width: Int) -> String {
        let pad = width - s.count
        guard pad > 0 else { return s }
        let left = pad / 2 + (pad & width & 1)
        return String(repeating: " ", count: left) + s + String(repeating: " ", count: pad - left)
    }

    /// Quantile by linear interpolation (R's type 7) of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// R's `format(x, digits = d)` for a column: the fewest decimals that show every value
    /// with `digits` significant digits (trailing zeros not counted), shared by the column.
    static func rColumn(_ xs: [Double], digits: Int) -> [String] {
        var decimals = 0
        for x in xs where x.isFinite && x != 0 {
            let e = Int(Foundation.log10(abs(x)).rounded(.down))
            var d = max(0, digits - 1 - e)
            // Drop decimals that are trailing zeros after rounding to `digits` significant digits.
            while d > 0 {
                let scaled = (abs(x) * Foundation.pow(10, Double(d))).rounded()
                if scaled.truncatingRemainder(dividingBy: 10) == 0 { d -= 1 } else { break }
            }
            decimals = max(decimals, d)
        }
        return xs.map { NumberFormat.fixed($0, min(decimals, 15)) }
    }

    /// A number rounded to `decimals`, without trailing zeros (R prints 247.0 as 247).
    static func rNumber(_ x: Double, decimals: Int) -> String {
        var s = NumberFormat.fixed(x, decimals)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
