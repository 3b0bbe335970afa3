extension FitRunner {
    /// `mixdown fit` for a formula with random-effect terms (REML unless `ml`).
    /// The mixed-model code (Sources/MixdownStats/Mixed/) replaces this body;
    /// until then it reports that mixed models are not available (exit 1).
    static func runMixed(data: DataFrame, formula: Formula, ml: Bool, json: Bool) -> FitRunOutput {
        failure(1, "mixed models are not available yet (formula \(formula.source))")
    }
}
