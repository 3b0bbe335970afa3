import Foundation

/// Plain-text tables of the inference results (for `mixdown fit` without `--json`).
extension MixedSummary {
    /// lmerTest's coefficient table: Estimate, Std. Error, df, t value, Pr(>|t|).
    public static func tTestTable(_ tests: [FixedEffectTTest], ddf: DenominatorDegreesOfFreedom) -> String {
        let header = ["", "Estimate", "Std. Error", "df", "t value", "Pr(>|t|)"]
        let rows = tests.map { t in
            [t.name, NumberFormat.fixed(t.estimate, 4), NumberFormat.fixed(t.stderr, 4), NumberFormat.fixed(t.df, 2),
             NumberFormat.fixed(t.t, 3), String(format: "%.3g", t.pValue)]
        }
        let title = ddf == .satterthwaite ? "Satterthwaite's method" : "Kenward-Roger's method"
        return "Fixed effects, t tests using \(title):\n" + layout([header] + rows)
    }

    /// confint's table: one row per parameter, the two limits.
    public static func intervalTable(_ ci: MixedConfidenceIntervals) -> String {
        let (a, b) = ci.columnNames
        let rows = ci.names.indices.map { k in
            [ci.names[k], ci.lower[k].isFinite ? NumberFormat.fixed(ci.lower[k], 4) : "NA",
             ci.upper[k].isFinite ? NumberFormat.fixed(ci.upper[k], 4) : "NA"]
        }
        return "Confidence intervals (\(ci.method.rawValue)):\n" + layout([["", a, b]] + rows)
    }

    /// Rows with the first column left-aligned and the others right-aligned.
    static func layout(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { r in
            r.indices.map { c in c == 0 ? NumberFormat.left(r[c], widths[c]) : NumberFormat.right(r[c], widths[c]) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
