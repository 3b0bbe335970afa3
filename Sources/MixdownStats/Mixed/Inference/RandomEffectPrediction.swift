/// Predictions with the random effects on new data, as lme4's `predict(fit, newdata,
/// re.form = NULL)`: the random part Σ_t z_t(row)·b_t[level(row)] of every term, where a level
/// the model never saw contributes zero (`allow.new.levels = TRUE`).
extension MixedModel {
    /// The random part for every row of `data` (NaN where a column the random terms read is
    /// missing). `formula` is the model's formula; its response need not be in `data`.
    public func randomPart(formula: Formula, data: DataFrame) throws -> [Double] {
        var f = formula
        f.response = nil
        f.fixed = TermList(intercept: false, terms: [])
        let mf = try ModelFrame(formula: f, data: data)
        var out = [Double](repeating: .nan, count: data.rowCount)
        var kept = [Double](repeating: 0, count: mf.rows.count)
        var bars: [String: [RandomTerm]] = [:]
        for r in f.random { bars[r.groupName, default: []].append(r) }
        for modes in fit.modes {
            guard let terms = bars[modes.group] else {
                throw ModelError(.input, "the formula has no random term for '\(modes.group)'")
            }
            var names: [String] = [], columns: [[Double]] = []
            for bar in terms {
                let design = try mf.design(for: bar.effects)
                for j in 0..<design.columnCount { names.append(design.columnNames[j]); columns.append(Array(design.column(j))) }
            }
            let grouping = try mf.grouping(terms[0].grouping)
            var levelIndex: [String: Int] = [:]
            for (i, l) in modes.levels.enumerated() { levelIndex[l] = i }
            let effect = modes.names.map { names.firstIndex(of: $0) }
            for i in kept.indices {
                guard let l = levelIndex[grouping.levels[grouping.codes[i]]] else { continue }
                for (k, c) in effect.enumerated() { if let c { kept[i] += modes.values[l][k] * columns[c][i] } }
            }
        }
        for (k, row) in mf.rows.enumerated() { out[row] = kept[k] }
        return out
    }
}
