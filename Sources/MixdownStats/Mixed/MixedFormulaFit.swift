/// The formula front end of the mixed-model code: builds the fixed design (patsy names), the
/// random-effect terms and their grouping factors from a parsed ``Formula`` and a
/// ``DataFrame``, then fits. Nested groupings (`(1 | a/b)` = `(1 | a) + (1 | a:b)`) arrive
/// expanded from the parser; bars that share a grouping factor (`(x || g)`, or
/// `(1 | g) + (0 + x | g)`) are merged into one term with independent effects.
extension LinearMixedModel {
    /// Builds the numerical input of a mixed model from a formula and data.
    /// Throws ``ModelError`` (bad input) or ``MixedModelError``.
    public static func input(formula: Formula, data: DataFrame) throws -> (input: MixedModelInput, frame: ModelFrame) {
        guard formula.hasRandomEffects else { throw MixedModelError.noRandomTerms }
        let mf = try ModelFrame(formula: formula, data: data)
        guard let response = mf.response else {
            throw ModelError(.input, "a mixed model needs a response, such as score ~ edu + (1 | classroom)")
        }
        // Group the bars by grouping factor, in order of first appearance.
        var order: [String] = []
        var parts: [String: [RandomTerm]] = [:]
        for r in formula.random {
            if parts[r.groupName] == nil { order.append(r.groupName) }
            parts[r.groupName, default: []].append(r)
        }
        var terms: [RandomEffectTerm] = []
        for name in order {
            let bars = parts[name] ?? []
            var columnNames: [String] = []
            var columns: [[Double]] = []
            for bar in bars {
                let design = try mf.design(for: bar.effects)
                for j in 0..<design.columnCount {
                    let cname = design.columnNames[j]
                    if columnNames.contains(cname) {
                        throw ModelError(.input, "the random effect '\(cname)' by '\(name)' appears in two terms; write it once")
                    }
                    columnNames.append(cname)
                    columns.append(Array(design.column(j)))
                }
            }
            guard !columns.isEmpty else {
                throw ModelError(.input, "the random term for '\(name)' has no effect: (0 | \(name)) estimates nothing; remove it")
            }
            let correlated: Bool
            if bars.count == 1 {
                correlated = true
            } else if columns.count == bars.count {
                correlated = false
            } else {
                throw ModelError(.input, "the random terms for '\(name)' mix a correlated block with other effects; write them as one term (a + b | \(name)) or as independent effects (a + b || \(name))")
            }
            let grouping = try mf.grouping(bars[0].grouping)
            terms.append(RandomEffectTerm(group: name, levels: grouping.levels, levelIndex: grouping.codes.map { Int32($0) },
                                          columnNames: columnNames, columns: columns, correlated: correlated))
        }
        let x = mf.fixedDesign
        let input = MixedModelInput(responseName: mf.responseName ?? "y", response: response, fixedNames: x.columnNames,
                                    fixedColumns: (0..<x.columnCount).map { Array(x.column($0)) }, terms: terms)
        return (input, mf)
    }

    /// Fits a linear mixed model given by a formula with random-effect terms, e.g.
    /// `score ~ edu + (1 | classroom)`, to `data` (REML unless `method` is `.ml`).
    public static func fit(formula: Formula, data: DataFrame, method: MixedModelMethod = .reml) throws -> LinearMixedModelFit {
        let (input, mf) = try input(formula: formula, data: data)
        var fit = try fit(input, method: method)
        fit.droppedRows = mf.droppedRows
        if mf.droppedRows > 0 {
            fit.warnings.append("\(mf.droppedRows) row\(mf.droppedRows == 1 ? "" : "s") with a missing value dropped")
        }
        return fit
    }
}
