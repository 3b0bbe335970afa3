extension FitRunner {
    /// `mixdown fit` for a formula with random-effect terms: a linear mixed model (REML unless
    /// `ml`), printed as the contracts §3 JSON object or as a statsmodels-style summary followed
    /// by the plain-language warnings. Bad input exits 2, a failed fit 1.
    static func runMixed(data: DataFrame, formula: Formula, ml: Bool, json: Bool) -> FitRunOutput {
        do {
            let fit = try LinearMixedModel.fit(formula: formula, data: data, method: ml ? .ml : .reml)
            let text = json ? MixedJSON.render(fit, formula: formula.source) + "\n"
                : MixedSummary.statsmodels(fit) + fit.warnings.map { "Warning: \($0)\n" }.joined()
            return FitRunOutput(stdout: text, stderr: "", exitCode: fit.converged ? 0 : 1)
        } catch let e as ModelError {
            return failure(e.kind == .input ? 2 : 1, e.message)
        } catch let e as MixedModelError {
            return failure(1, e.description)
        } catch {
            return failure(1, "\(error)")
        }
    }
}
