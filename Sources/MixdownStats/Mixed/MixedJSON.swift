/// The contracts §3 JSON object for a linear mixed model fit (`mixdown fit … --json`): fixed
/// key order, round-trip numbers, groups and levels in the model's order.
public enum MixedJSON {
    public static func render(_ fit: LinearMixedModelFit, formula: String, inference: MixedJSONInference = MixedJSONInference()) -> String {
        let j = NumberFormat.json
        let s = JSONText.string
        let fixed = fit.fixed.enumerated().map { c, f in
            var entry = "{\"term\": \(s(f.name)), \"estimate\": \(j(f.estimate)), \"stderr\": \(j(f.stderr)), "
                + "\"stat\": \(j(f.z)), \"pvalue\": \(j(f.pValue)), \"ci_low\": \(j(f.ciLow)), \"ci_high\": \(j(f.ciHigh))"
            if let t = inference.tTests?[c] {
                entry += ", \"df\": \(j(t.df)), \"stderr_ddf\": \(j(t.stderr)), \"stat_ddf\": \(j(t.t)), \"pvalue_ddf\": \(j(t.pValue))"
            }
            return entry + "}"
        }
        var random: [String] = []
        for re in fit.randomEffects {
            for i in re.names.indices {
                random.append("{\"group\": \(s(re.group)), \"term1\": \(s(re.names[i])), \"term2\": null, "
                    + "\"variance\": \(j(re.covariance[i][i])), \"stddev\": \(j(re.covariance[i][i].squareRoot()))}")
            }
            if re.correlated {
                for i in re.names.indices {
                    for k in (i + 1)..<max(re.names.count, i + 1) {
                        random.append("{\"group\": \(s(re.group)), \"term1\": \(s(re.names[i])), \"term2\": \(s(re.names[k])), "
                            + "\"covariance\": \(j(re.covariance[i][k])), \"correlation\": \(j(re.correlation(i, k)))}")
                    }
                }
            }
        }
        let groups = fit.groupSizes.map { "\(s($0.group)): \($0.levels)" }.joined(separator: ", ")
        let ranef = fit.modes.map { m -> String in
            let levels = m.levels.indices.map { l -> String in
                let values = m.names.indices.map { "\(s(m.names[$0])): \(j(m.values[l][$0]))" }.joined(separator: ", ")
                return "\(s(m.levels[l])): {\(values)}"
            }
            return "\(s(m.group)): {\n      " + levels.joined(separator: ",\n      ") + "\n    }"
        }
        let variance = (fit.statsmodelsParameters ?? []).map { p in
            "{\"name\": \(s(p.name)), \"value\": \(j(p.scaleFree)), \"data_scale\": \(j(p.dataScale)), "
                + "\"stderr\": \(j(p.stderrScaleFree)), \"stderr_summary\": \(j(p.stderrSummary))}"
        }
        let dfResid = Double(fit.nobs - fit.fixed.count)
        let sse = fit.residuals.reduce(0) { $0 + $1 * $1 }
        let fields: [(String, String)] = [
            ("model", "\"lmm\""),
            ("formula", s(formula)),
            ("method", s(fit.method.rawValue)),
            ("nobs", String(fit.nobs)),
            ("dropped_rows", String(fit.droppedRows)),
            ("fixed", "[\n    " + fixed.joined(separator: ",\n    ") + "\n  ]"),
            ("stderr_source", s(fit.standardErrorConvention.rawValue)),
            ("mse_resid", j(sse / dfResid)),
            ("rmse", j(fit.rmse)),
            ("loglik", j(fit.logLikelihood)),
            ("aic", j(fit.aic)),
            ("bic", j(fit.bic)),
            ("groups", "{" + groups + "}"),
            ("random", "[\n    " + random.joined(separator: ",\n    ") + "\n  ]"),
            ("variance_parameters", variance.isEmpty ? "[]" : "[\n    " + variance.joined(separator: ",\n    ") + "\n  ]"),
            ("theta", "[" + fit.theta.map(j).joined(separator: ", ") + "]"),
            ("residual_variance", j(fit.residualVariance)),
            ("converged", fit.converged ? "true" : "false"),
            ("evaluations", String(fit.evaluations)),
            ("singular", fit.singular ? "true" : "false"),
            ("warnings", "[" + fit.warnings.map(s).joined(separator: ", ") + "]"),
            ("ranef", "{\n    " + ranef.joined(separator: ",\n    ") + "\n  }"),
        ]
        return "{\n" + (fields + inference.fields).map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}"
    }
}
